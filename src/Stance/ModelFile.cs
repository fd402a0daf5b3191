using System.IO.Compression;
using System.Text.Json;

namespace Stance;

/// <summary>
/// The layout of a Stance model file: a zip archive holding <c>model.json</c> (the
/// <see cref="ModelMetadata"/>), <c>pipeline.zip</c> (the ML.NET transformer chain) and, for linear
/// models, <c>linear-scorer.bin</c> (the same model compiled for fast scoring).
/// </summary>
internal static class ModelFile
{
    public const string MetadataEntry = "model.json";
    public const string PipelineEntry = "pipeline.zip";
    public const string LinearScorerEntry = "linear-scorer.bin";

    /// <summary>
    /// The parts of a model file, read fully into memory so the file is closed at once. The ML.NET
    /// chain is read only when it will be used (the model has no compiled scorer, or it was asked for).
    /// </summary>
    public sealed record Contents(ModelMetadata Metadata, byte[]? Pipeline, byte[]? LinearScorer);

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

    public static Contents Read(Stream stream, string name, bool withPipeline = true)
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

            if (metadata.Heads is null || metadata.Heads.Count == 0)
            {
                throw new ModelLoadException(name, "has no prediction heads");
            }

            // Explicitly two heads everywhere: a stance head, a sentiment head, or both, once each, stance first.
            string[] names = metadata.Heads.Select(h => h?.Name ?? string.Empty).ToArray();
            if (names.Any(n => n is not (HeadNames.Stance or HeadNames.Sentiment)) || names.Distinct().Count() != names.Length || (names.Length == 2 && names[0] != HeadNames.Stance))
            {
                throw new ModelLoadException(name, $"{MetadataEntry} names the heads [{string.Join(", ", names)}]; a Stance model has a stance head, a sentiment head or both, once each, stance first");
            }

            if (archive.GetEntry(PipelineEntry) is null)
            {
                throw new ModelLoadException(name, $"is incomplete: {PipelineEntry} is missing");
            }

            byte[]? scorer = ReadEntry(archive, LinearScorerEntry, name);
            byte[]? pipeline = withPipeline || scorer is null ? ReadEntry(archive, PipelineEntry, name) : null;
            return new Contents(metadata, pipeline, scorer);
        }
    }

    /// <summary>Builds the metadata reader's type information, which is built once per process.</summary>
    public static void PrepareMetadataReader() => _ = ModelMetadataJson.Default.ModelMetadata;

    public static byte[] SerializeMetadata(ModelMetadata metadata) =>
        JsonSerializer.SerializeToUtf8Bytes(metadata, ModelMetadataJson.Default.ModelMetadata);

    private static ModelMetadata ReadMetadata(ZipArchiveEntry entry, string name)
    {
        try
        {
            using Stream stream = entry.Open();
            return JsonSerializer.Deserialize(stream, ModelMetadataJson.Default.ModelMetadata)
                ?? throw new ModelLoadException(name, $"{MetadataEntry} is empty");
        }
        catch (JsonException e)
        {
            throw new ModelLoadException(name, $"{MetadataEntry} is not valid: {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw new ModelLoadException(name, $"is damaged: {MetadataEntry} cannot be decompressed ({e.Message})", e);
        }
    }

    private static byte[]? ReadEntry(ZipArchive archive, string entryName, string name)
    {
        ZipArchiveEntry? entry = archive.GetEntry(entryName);
        if (entry is null)
        {
            return null;
        }

        try
        {
            using Stream stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new ModelLoadException(name, $"is damaged: {entryName} cannot be decompressed ({e.Message})", e);
        }
    }
}
