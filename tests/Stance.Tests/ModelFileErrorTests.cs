using System.IO.Compression;
using System.Text.Json.Nodes;
using Stance.Tests.Support;

namespace Stance.Tests;

/// <summary>A model file that cannot be used is named with what is wrong with it.</summary>
[Collection(SmallModelCollection.Name)]
public sealed class ModelFileErrorTests(SmallModelFixture model) : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_missing_model_is_named() =>
        AssertRefused(_directory.File("absent.zip"), "model file not found");

    [Fact]
    public void A_truncated_model_is_refused()
    {
        byte[] bytes = File.ReadAllBytes(model.ModelPath);
        AssertRefused(_directory.Write("truncated.zip", bytes[..(bytes.Length / 2)]), "is not a Stance model file (not a zip archive, or a truncated one)");
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_refused() =>
        AssertRefused(_directory.Write("text.zip", "just some text"), "is not a Stance model file (not a zip archive, or a truncated one)");

    [Fact]
    public void A_zip_of_another_kind_is_refused()
    {
        string path = _directory.File("other.zip");
        using (ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using StreamWriter writer = new(zip.CreateEntry("readme.txt").Open());
            writer.Write("not a model");
        }

        AssertRefused(path, "is a zip archive but not a Stance model (it has no model.json)");
    }

    [Fact]
    public void A_model_of_another_format_version_is_refused()
    {
        string path = _directory.File("future.zip");
        File.Copy(model.ModelPath, path);
        using (ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            ZipArchiveEntry entry = zip.GetEntry("model.json")!;
            JsonNode json;
            using (Stream stream = entry.Open())
            {
                json = JsonNode.Parse(stream)!;
            }

            json["format_version"] = 99;
            entry.Delete();
            using StreamWriter writer = new(zip.CreateEntry("model.json").Open());
            writer.Write(json.ToJsonString());
        }

        AssertRefused(path, "was written in model format 99");
    }

    private void AssertRefused(string path, string problem)
    {
        var exception = Assert.Throws<ModelLoadException>(() => StanceClassifier.Load(path));
        Assert.Equal(path, exception.ModelPath);
        Assert.Contains(problem, exception.Message);

        CommandLine.Result result = CommandLine.Run(_directory.Path, "classify", "--model", path, "a quote");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"stance: error: {path}: ", result.Error);
        Assert.Contains(problem, result.Error);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }
}
