using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Stance.Tests.Support;

/// <summary>The inner files of a model file, read and rewritten by the tests that damage models.</summary>
internal static class ModelParts
{
    public static Dictionary<string, byte[]> Read(string path) => Read(File.ReadAllBytes(path));

    public static Dictionary<string, byte[]> Read(byte[] file)
    {
        using var zip = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using Stream stream = e.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        });
    }

    /// <summary>Makes model.json record the present size and SHA-256 of every part it lists.</summary>
    public static void RecordChecksums(Dictionary<string, byte[]> parts)
    {
        JsonNode json = JsonNode.Parse(parts["model.json"])!;
        foreach (JsonNode? part in json["parts"]!.AsArray())
        {
            byte[] bytes = parts[part!["name"]!.GetValue<string>()];
            part["size"] = bytes.LongLength;
            part["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
        }

        parts["model.json"] = Encoding.UTF8.GetBytes(json.ToJsonString());
    }
}
