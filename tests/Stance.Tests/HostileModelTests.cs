using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Stance.Scoring;
using Stance.Tests.Support;

namespace Stance.Tests;

/// <summary>
/// A damaged, altered or hostile model file is refused at load with one line naming the file and
/// what is wrong: bounded decompression, the checksums model.json records, labels, heads and
/// scorer consistent, finite weights, no bare exceptions.
/// </summary>
[Collection(SmallModelCollection.Name)]
public sealed class HostileModelTests(SmallModelFixture model) : IDisposable
{
    private static readonly string[] Quotes = ["Talks are the only way to lower the risk of war.", "Sanctions relief must wait for verified dismantlement."];

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_trainer_records_the_size_and_checksum_of_every_inner_file()
    {
        Dictionary<string, byte[]> parts = ReadParts(model.ModelPath);
        IReadOnlyList<ModelPart> recorded = model.Result.Metadata.Parts!;
        Assert.Equal(["pipeline.zip", "linear-scorer.bin"], recorded.Select(p => p.Name));
        foreach (ModelPart part in recorded)
        {
            Assert.Equal(parts[part.Name].LongLength, part.Size);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(parts[part.Name])), part.Sha256);
        }
    }

    [Fact]
    public void A_model_json_larger_than_the_limit_is_refused_before_it_is_read()
    {
        string path = Rewrite("huge.zip", json => json["library_version"] = new string('x', 5_000_000));
        AssertRefused(path, "model.json declares");
    }

    [Fact]
    public void An_entry_that_decompresses_to_more_than_it_declares_is_refused()
    {
        // A zip bomb: the header says 1,000 bytes, the data inflates to 50 MB. Reading stops at the
        // declared size (the runtime's stream or ours), and what was read fails its CRC-32.
        string path = _directory.File("bomb.zip");
        using (ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using Stream entry = zip.CreateEntry("model.json", CompressionLevel.Fastest).Open();
            entry.Write(new byte[50_000_000]);
        }

        PatchDeclaredSize(path, "model.json", 1000);
        AssertRefused(path, "model.json decompresses to more than the 1,000 bytes it declares|model.json does not match its CRC-32");
    }

    [Fact]
    public void A_declared_size_no_deflate_stream_can_have_is_refused()
    {
        string path = _directory.File("ratio.zip");
        using (ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using Stream entry = zip.CreateEntry("model.json", CompressionLevel.Fastest).Open();
            entry.Write("{}"u8);
        }

        PatchDeclaredSize(path, "model.json", 3_000_000);
        AssertRefused(path, "a ratio no model has");
    }

    [Theory]
    [InlineData("four", "is inconsistent: linear-scorer.bin head 'stance' has the labels")]
    [InlineData("two", "is inconsistent: linear-scorer.bin head 'stance' has the labels")]
    [InlineData("duplicate", "head 'stance' has the label")]
    [InlineData("empty", "label 2 of head 'stance' is empty")]
    [InlineData("one", "head 'stance' has 1 label(s)")]
    public void Labels_that_disagree_with_the_scorer_or_repeat_are_refused(string change, string problem)
    {
        string path = Rewrite(change + ".zip", json =>
        {
            JsonArray labels = json["heads"]![0]!["labels"]!.AsArray();
            switch (change)
            {
                case "four": labels.Add("extra-label"); break;
                case "two": labels.RemoveAt(2); break;
                case "duplicate": labels[1] = labels[0]!.GetValue<string>(); break;
                case "empty": labels[1] = " "; break;
                default: labels.RemoveAt(2); labels.RemoveAt(1); break;
            }
        });
        AssertRefused(path, problem);
    }

    [Theory]
    [InlineData("heads")]
    [InlineData("features")]
    [InlineData("text_column")]
    [InlineData("training_data")]
    public void A_null_field_is_named(string field)
    {
        string path = Rewrite("null-" + field + ".zip", json => json[field] = null);
        AssertRefused(path, "model.json is not valid at $.");
    }

    [Fact]
    public void A_null_label_or_head_is_named()
    {
        AssertRefused(Rewrite("null-label.zip", json => json["heads"]![0]!["labels"]!.AsArray()[0] = null), "model.json");
        // A trainer and cross-validation may be null in an ensemble only.
        AssertRefused(Rewrite("null-trainer.zip", json => json["heads"]![0]!["trainer"] = null), "model.json: head 'stance' records no trainer");
        AssertRefused(Rewrite("null-cv.zip", json => json["heads"]![1]!["cross_validation"] = null), "model.json: head 'sentiment' records no cross-validation");
        AssertRefused(Rewrite("ensemble-tier.zip", json => json["tier"] = "ensemble"), "model.json says tier 'ensemble' but lists no members");
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Weights_that_are_not_finite_numbers_are_refused(float value)
    {
        string path = RewriteScorer("nan.zip", scorer => scorer.Heads[0].Weights[3] = value);
        AssertRefused(path, "is not a finite number");
        AssertRefused(RewriteScorer("nan-word.zip", scorer => scorer.WordWeights[0] = value), "word n-gram weights");
    }

    [Fact]
    public void An_inner_file_that_does_not_match_its_recorded_checksum_is_refused()
    {
        Dictionary<string, byte[]> parts = ReadParts(model.ModelPath);
        byte[] scorer = parts["linear-scorer.bin"];
        scorer[scorer.Length / 2] ^= 0x01;
        AssertRefused(WriteParts("altered.zip", parts), "linear-scorer.bin does not match the SHA-256 recorded in model.json");
    }

    [Fact]
    public void Byte_flips_anywhere_are_refused_in_one_line_or_change_nothing()
    {
        byte[] original = File.ReadAllBytes(model.ModelPath);
        Classification[] expected;
        using (StanceClassifier classifier = StanceClassifier.Load(model.ModelPath))
        {
            expected = Quotes.Select(classifier.Classify).ToArray();
        }

        var random = new Random(14);
        var unexpected = new List<string>();
        for (int n = 0; n < 60; n++)
        {
            int offset = random.Next(original.Length);
            byte[] flipped = (byte[])original.Clone();
            flipped[offset] ^= (byte)(1 << random.Next(8));
            string path = _directory.Write($"flip-{n}.zip", flipped);
            try
            {
                using StanceClassifier classifier = StanceClassifier.Load(path);
                Classification[] actual = Quotes.Select(classifier.Classify).ToArray();
                if (!actual.Zip(expected).All(p => ThreadSafetyTests.Same(p.First, p.Second)))
                {
                    unexpected.Add($"offset {offset}: predictions changed silently");
                }
            }
            catch (ModelLoadException e)
            {
                if (e.Message.Contains('\n') || !e.Message.StartsWith(path, StringComparison.Ordinal))
                {
                    unexpected.Add($"offset {offset}: {e.Message}");
                }
            }
            catch (Exception e)
            {
                unexpected.Add($"offset {offset}: {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.Empty(unexpected);
    }

    [Fact]
    public void Byte_flips_in_the_ml_net_pipeline_are_refused_in_one_line()
    {
        Dictionary<string, byte[]> parts = ReadParts(model.ModelPath);
        var random = new Random(7);
        var options = new ClassifierOptions { Engine = ScoringEngine.MlNet };
        for (int n = 0; n < 4; n++)
        {
            Dictionary<string, byte[]> copy = parts.ToDictionary(p => p.Key, p => (byte[])p.Value.Clone());
            byte[] pipeline = copy["pipeline.zip"];
            pipeline[random.Next(pipeline.Length)] ^= 0x10;

            // The recorded checksum is updated as an attacker would: the inner archive's own checks must hold.
            string path = WriteParts($"pipeline-{n}.zip", copy, updateChecksums: true);
            var error = Assert.Throws<ModelLoadException>(() => StanceClassifier.Load(path, options));
            Assert.DoesNotContain('\n', error.Message);
        }
    }

    [Fact]
    public void A_model_written_before_checksums_loads_and_is_checked_by_the_archive_crc()
    {
        string legacy = Rewrite("legacy.zip", json => json.AsObject().Remove("parts"));
        using (StanceClassifier classifier = StanceClassifier.Load(legacy))
        {
            Assert.Null(classifier.Metadata.Parts);
            Assert.False(classifier.Classify(Quotes[0]).IsError);
        }

        Dictionary<string, byte[]> parts = ReadParts(legacy);
        parts["linear-scorer.bin"][100] ^= 0x04;
        string path = WriteParts("legacy-flipped.zip", parts, updateChecksums: false, keepCrcOf: legacy);
        AssertRefused(path, "linear-scorer.bin does not match its CRC-32");
    }

    private void AssertRefused(string path, string problem)
    {
        var exception = Assert.Throws<ModelLoadException>(() => StanceClassifier.Load(path));
        Assert.True(problem.Split('|').Any(p => exception.Message.Contains(p, StringComparison.Ordinal)), exception.Message);
        Assert.StartsWith(path + ": ", exception.Message);

        CommandLine.Result result = CommandLine.Run(_directory.Path, "classify", "--model", path, "a quote");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"stance: error: {path}: ", result.Error);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.Equal(string.Empty, result.Output);
    }

    private static Dictionary<string, byte[]> ReadParts(string path) => ModelParts.Read(path);

    /// <summary>Writes a model file from its parts; with <paramref name="updateChecksums"/>, model.json records their new sizes and hashes.</summary>
    private string WriteParts(string name, Dictionary<string, byte[]> parts, bool updateChecksums = false, string? keepCrcOf = null)
    {
        if (updateChecksums)
        {
            ModelParts.RecordChecksums(parts);
        }

        string path = _directory.File(name);
        using (ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach ((string entryName, byte[] bytes) in parts)
            {
                using Stream entry = zip.CreateEntry(entryName, entryName == "pipeline.zip" ? CompressionLevel.NoCompression : CompressionLevel.Fastest).Open();
                entry.Write(bytes);
            }
        }

        if (keepCrcOf is not null)
        {
            // Damage after writing: the archive keeps the CRC-32 of the original bytes.
            using ZipArchive original = ZipFile.OpenRead(keepCrcOf);
            foreach (ZipArchiveEntry entry in original.Entries)
            {
                PatchCrc(path, entry.FullName, entry.Crc32);
            }
        }

        return path;
    }

    private string Rewrite(string name, Action<JsonNode> change)
    {
        Dictionary<string, byte[]> parts = ReadParts(model.ModelPath);
        JsonNode json = JsonNode.Parse(parts["model.json"])!;
        change(json);
        parts["model.json"] = Encoding.UTF8.GetBytes(json.ToJsonString());
        return WriteParts(name, parts);
    }

    private string RewriteScorer(string name, Action<LinearScorer> change)
    {
        Dictionary<string, byte[]> parts = ReadParts(model.ModelPath);
        LinearScorer scorer = LinearScorerFormat.Read(new MemoryStream(parts["linear-scorer.bin"]), model.Result.Metadata.Features);
        change(scorer);
        var buffer = new MemoryStream();
        LinearScorerFormat.Write(scorer, buffer);
        parts["linear-scorer.bin"] = buffer.ToArray();
        return WriteParts(name, parts, updateChecksums: true);
    }

    /// <summary>Sets the uncompressed size an archive declares for an entry (local header and central directory).</summary>
    private static void PatchDeclaredSize(string path, string entryName, uint size) => PatchHeaders(path, entryName, 22, 24, size);

    private static void PatchCrc(string path, string entryName, uint crc) => PatchHeaders(path, entryName, 14, 16, crc);

    private static void PatchHeaders(string path, string entryName, int localOffset, int centralOffset, uint value)
    {
        byte[] bytes = File.ReadAllBytes(path);
        byte[] nameBytes = Encoding.UTF8.GetBytes(entryName);
        for (int i = 0; i + 46 < bytes.Length; i++)
        {
            uint signature = BitConverter.ToUInt32(bytes, i);
            if (signature == 0x04034b50 && bytes.AsSpan(i + 30, nameBytes.Length).SequenceEqual(nameBytes))
            {
                BitConverter.GetBytes(value).CopyTo(bytes, i + localOffset);
            }
            else if (signature == 0x02014b50 && bytes.AsSpan(i + 46, nameBytes.Length).SequenceEqual(nameBytes))
            {
                BitConverter.GetBytes(value).CopyTo(bytes, i + centralOffset);
            }
        }

        File.WriteAllBytes(path, bytes);
    }
}
