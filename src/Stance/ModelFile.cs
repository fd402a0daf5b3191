using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace Stance;

/// <summary>
/// The layout of a Stance model file: a zip archive holding <c>model.json</c> (the
/// <see cref="ModelMetadata"/>), <c>pipeline.zip</c> (the ML.NET transformer chain) and, for linear
/// models, <c>linear-scorer.bin</c> (the same model compiled for fast scoring). An ensemble holds
/// <c>model.json</c> and, instead of those two, each member's model file whole as
/// <c>members/NAME.zip</c>, read and checked like a model file of its own (members are single
/// models: ensembles do not nest).
/// </summary>
internal static class ModelFile
{
    public const string MetadataEntry = "model.json";
    public const string PipelineEntry = "pipeline.zip";
    public const string LinearScorerEntry = "linear-scorer.bin";

    /// <summary>Where an ensemble keeps its members' model files.</summary>
    public const string MemberDirectory = "members/";

    /// <summary>The largest <c>model.json</c> read (documented limit): real ones are about 10 KB.</summary>
    public const long MaxMetadataBytes = 4L << 20;

    /// <summary>The largest <c>pipeline.zip</c> or <c>linear-scorer.bin</c> read (documented limit): the shipped ones are under 8 MB.</summary>
    public const long MaxPartBytes = 512L << 20;

    /// <summary>Deflate cannot compress more than about 1,032 to 1: a larger declared ratio is a zip bomb.</summary>
    private const long MaxCompressionRatio = 1100;

    /// <summary>
    /// The parts of a model file, read fully into memory so the file is closed at once. The ML.NET
    /// chain is read only when it will be used (the model has no compiled scorer, or it was asked for).
    /// </summary>
    /// <param name="Members">An ensemble's members, in the order of <see cref="ModelMetadata.Members"/>; null for a single model.</param>
    public sealed record Contents(ModelMetadata Metadata, byte[]? Pipeline, byte[]? LinearScorer, IReadOnlyList<MemberContents>? Members = null);

    /// <summary>One member of an ensemble: its record in the ensemble's model.json, the name its errors carry, and its parts.</summary>
    public sealed record MemberContents(ModelMember Record, string Name, Contents Contents);

    public static Contents Read(string path, bool withPipeline = true)
    {
        if (Directory.Exists(path))
        {
            throw new ModelLoadException(path, "is a directory, not a model file");
        }

        if (!File.Exists(path))
        {
            throw new ModelLoadException(path, "model file not found");
        }

        try
        {
            using FileStream stream = File.OpenRead(path);
            return Read(stream, path, withPipeline);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ModelLoadException(path, "cannot be read: permission denied", e);
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new ModelLoadException(path, $"cannot be read: {e.Message}", e);
        }
    }

    public static Contents Read(Stream stream, string name, bool withPipeline = true) => Read(stream, name, withPipeline, asMember: false);

    private static Contents Read(Stream stream, string name, bool withPipeline, bool asMember)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new ModelLoadException(name, "is not a Stance model file (not a zip archive, or a truncated one)", e);
        }

        using (archive)
        {
            ZipArchiveEntry? metadataEntry = archive.GetEntry(MetadataEntry);
            if (metadataEntry is null)
            {
                throw new ModelLoadException(name, $"is a zip archive but not a Stance model (it has no {MetadataEntry}); train a model with 'stance train'");
            }

            ModelMetadata metadata = ReadMetadata(metadataEntry, name);
            if (metadata.FormatVersion != ModelMetadata.CurrentFormatVersion)
            {
                throw new ModelLoadException(name, $"was written in model format {metadata.FormatVersion} (Stance {metadata.LibraryVersion}); this Stance reads format {ModelMetadata.CurrentFormatVersion}: retrain the model with 'stance train'");
            }

            ModelValidation.CheckMetadata(metadata, name);
            if (metadata.IsEnsemble)
            {
                if (asMember)
                {
                    throw new ModelLoadException(name, "is itself an ensemble; the members of an ensemble are single models (ensembles do not nest)");
                }

                return ReadEnsemble(archive, metadata, name, withPipeline);
            }

            if (archive.GetEntry(PipelineEntry) is null)
            {
                throw new ModelLoadException(name, $"is incomplete: {PipelineEntry} is missing");
            }

            CheckRecordedParts(archive, metadata, [PipelineEntry, LinearScorerEntry], name);
            byte[]? scorer = ReadPart(archive, LinearScorerEntry, metadata, name);
            byte[]? pipeline = withPipeline || scorer is null ? ReadPart(archive, PipelineEntry, metadata, name) : null;
            if (pipeline is not null)
            {
                CheckInnerArchive(pipeline, name);
            }

            return new Contents(metadata, pipeline, scorer);
        }
    }

    /// <summary>
    /// The members of an ensemble: each inner model file within the bounds of a part, matching the
    /// SHA-256 model.json records, then read as a model file of its own (which may not be an
    /// ensemble), and checked against the others (heads, labels, encoder).
    /// </summary>
    private static Contents ReadEnsemble(ZipArchive archive, ModelMetadata metadata, string name, bool withPipeline)
    {
        foreach (string single in (string[])[PipelineEntry, LinearScorerEntry])
        {
            if (archive.GetEntry(single) is not null)
            {
                throw new ModelLoadException(name, $"is damaged or altered: it is an ensemble but holds {single}; combine the members again with 'stance combine'");
            }
        }

        string[] entries = metadata.Members!.Select(m => m.Entry).ToArray();
        CheckRecordedParts(archive, metadata, entries, name);
        long total = metadata.Parts!.Sum(p => p.Size);
        if (total > MaxPartBytes)
        {
            throw new ModelLoadException(name, $"is refused: its members declare {total:N0} bytes in all, more than the {MaxPartBytes:N0} an ensemble may hold");
        }

        var members = new List<MemberContents>(entries.Length);
        foreach (ModelMember member in metadata.Members!)
        {
            byte[] bytes = ReadPart(archive, member.Entry, metadata, name)
                ?? throw new ModelLoadException(name, $"is incomplete: {member.Entry} is missing (model.json records it)");
            string memberName = $"{name} ({member.Entry})";
            using var stream = new MemoryStream(bytes, writable: false);
            members.Add(new MemberContents(member, memberName, Read(stream, memberName, withPipeline, asMember: true)));
        }

        ModelValidation.CheckMembers(metadata, members, name);
        return new Contents(metadata, null, null, members);
    }

    /// <summary>Builds the metadata reader's type information, which is built once per process.</summary>
    public static void PrepareMetadataReader() => _ = ModelMetadataJson.Default.ModelMetadata;

    public static byte[] SerializeMetadata(ModelMetadata metadata) =>
        JsonSerializer.SerializeToUtf8Bytes(metadata, ModelMetadataJson.Default.ModelMetadata);

    private static ModelMetadata ReadMetadata(ZipArchiveEntry entry, string name)
    {
        byte[] bytes = ReadBounded(entry, MaxMetadataBytes, name);
        CheckCrc(entry, bytes, name);
        try
        {
            return JsonSerializer.Deserialize(bytes, ModelMetadataJson.Default.ModelMetadata)
                ?? throw new ModelLoadException(name, $"{MetadataEntry} is empty");
        }
        catch (JsonException e)
        {
            // The serializer's first sentence says what is wrong; the path says where.
            string message = OneLine(e.Message);
            int end = message.IndexOf(". ", StringComparison.Ordinal);
            string what = end > 0 ? message[..end] : message.TrimEnd('.');
            throw new ModelLoadException(name, $"{MetadataEntry} is not valid{(e.Path is { } at ? $" at {at}" : string.Empty)}: {what}; retrain the model with 'stance train'", e);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException or FormatException or OverflowException)
        {
            throw new ModelLoadException(name, $"{MetadataEntry} is not valid: {OneLine(e.Message)}; retrain the model with 'stance train'", e);
        }
    }

    /// <summary>
    /// Files inside the archive are exactly those model.json records (when it records them), with
    /// the sizes it records, before any of them is decompressed.
    /// </summary>
    private static void CheckRecordedParts(ZipArchive archive, ModelMetadata metadata, IReadOnlyList<string> entryNames, string name)
    {
        if (metadata.Parts is not { } parts)
        {
            return;
        }

        foreach (string entryName in entryNames)
        {
            ZipArchiveEntry? entry = archive.GetEntry(entryName);
            ModelPart? part = parts.FirstOrDefault(p => p.Name == entryName);
            if (entry is null && part is not null)
            {
                throw new ModelLoadException(name, $"is incomplete: {entryName} is missing (model.json records it)");
            }

            if (entry is not null && part is null)
            {
                throw new ModelLoadException(name, $"is damaged or altered: it holds {entryName}, which {MetadataEntry} does not record; retrain the model with 'stance train'");
            }

            if (entry is not null && entry.Length != part!.Size)
            {
                throw new ModelLoadException(name, $"is damaged or altered: {entryName} is {entry.Length} bytes, {MetadataEntry} records {part.Size}; retrain the model with 'stance train'");
            }
        }
    }

    /// <summary>Reads an inner file within its declared size and checks it: SHA-256 recorded in model.json, else the archive's CRC-32.</summary>
    private static byte[]? ReadPart(ZipArchive archive, string entryName, ModelMetadata metadata, string name)
    {
        ZipArchiveEntry? entry = archive.GetEntry(entryName);
        if (entry is null)
        {
            return null;
        }

        byte[] bytes = ReadBounded(entry, MaxPartBytes, name);
        if (metadata.Parts?.FirstOrDefault(p => p.Name == entryName) is { } part)
        {
            string actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!string.Equals(actual, part.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelLoadException(name, $"is damaged or altered: {entryName} does not match the SHA-256 recorded in {MetadataEntry}; retrain the model with 'stance train' or copy it again");
            }
        }
        else
        {
            CheckCrc(entry, bytes, name);
        }

        return bytes;
    }

    /// <summary>
    /// Decompresses an entry within bounds: its declared size must be at most <paramref name="limit"/>
    /// and possible for its compressed size, and it must not decompress to more than it declares.
    /// Memory never exceeds the declared size, whatever the archive holds.
    /// </summary>
    private static byte[] ReadBounded(ZipArchiveEntry entry, long limit, string name)
    {
        if (entry.Length > limit)
        {
            throw new ModelLoadException(name, $"is refused: {entry.FullName} declares {entry.Length:N0} bytes, more than the {limit:N0} a model's {entry.FullName} may have");
        }

        if (entry.Length > MaxCompressionRatio * Math.Max(entry.CompressedLength, 1) + 4096)
        {
            throw new ModelLoadException(name, $"is refused: {entry.FullName} declares {entry.Length:N0} bytes from {entry.CompressedLength:N0} compressed, a ratio no model has (a zip bomb?)");
        }

        var bytes = new byte[entry.Length];
        try
        {
            using Stream stream = entry.Open();
            int total = 0;
            while (total < bytes.Length && stream.Read(bytes, total, bytes.Length - total) is var n and > 0)
            {
                total += n;
            }

            if (total != bytes.Length)
            {
                throw new ModelLoadException(name, $"is damaged: {entry.FullName} ends after {total:N0} of the {entry.Length:N0} bytes it declares");
            }

            Span<byte> extra = stackalloc byte[1];
            if (stream.Read(extra) > 0)
            {
                throw new ModelLoadException(name, $"is refused: {entry.FullName} decompresses to more than the {entry.Length:N0} bytes it declares (a zip bomb?)");
            }
        }
        catch (InvalidDataException e)
        {
            throw new ModelLoadException(name, $"is damaged: {entry.FullName} cannot be decompressed ({OneLine(e.Message)})", e);
        }
        catch (IOException e)
        {
            throw new ModelLoadException(name, $"is damaged: {entry.FullName} cannot be read ({OneLine(e.Message)})", e);
        }

        return bytes;
    }

    private static void CheckCrc(ZipArchiveEntry entry, byte[] bytes, string name)
    {
        if (Crc32.Compute(bytes) != entry.Crc32)
        {
            throw new ModelLoadException(name, $"is damaged: {entry.FullName} does not match its CRC-32 (the file was altered or corrupted); copy it again or retrain it with 'stance train'");
        }
    }

    /// <summary>
    /// ML.NET reads the pipeline as a zip archive of its own: the same bounds apply to its entries
    /// (declared sizes, compression ratio, CRC-32), checked before ML.NET sees it.
    /// </summary>
    private static void CheckInnerArchive(byte[] pipeline, string name)
    {
        try
        {
            using var inner = new ZipArchive(new MemoryStream(pipeline, writable: false), ZipArchiveMode.Read);
            long total = 0;
            foreach (ZipArchiveEntry entry in inner.Entries)
            {
                total += entry.Length;
                if (total > MaxPartBytes)
                {
                    throw new ModelLoadException(name, $"is refused: {PipelineEntry} declares more than {MaxPartBytes:N0} bytes in all");
                }

                byte[] bytes = ReadBounded(entry, MaxPartBytes, name);
                CheckCrc(entry, bytes, name);
            }
        }
        catch (InvalidDataException e)
        {
            throw new ModelLoadException(name, $"is damaged: {PipelineEntry} is not a readable archive ({OneLine(e.Message)})", e);
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
