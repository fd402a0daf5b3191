using System.Text;

namespace Stance.Scoring;

/// <summary>
/// The binary form of a <see cref="LinearScorer"/> stored in a model file (<c>linear-scorer.bin</c>),
/// so that loading a fast-tier model needs neither ML.NET nor the compile step.
/// </summary>
internal static class LinearScorerFormat
{
    private const string Magic = "STANCE-LINEAR";
    private const int Version = 1;

    public static void Write(LinearScorer scorer, Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);

        writer.Write(scorer.Tokens.Count);
        for (int i = 0; i < scorer.Tokens.Count; i++)
        {
            WriteSpan(writer, scorer.Tokens.Key(i));
        }

        writer.Write(scorer.WordNgrams.Count);
        for (int slot = 0; slot < scorer.WordNgrams.Count; slot++)
        {
            int[] ids = scorer.WordNgrams.Ids(slot);
            writer.Write((byte)ids.Length);
            foreach (int id in ids)
            {
                writer.Write(id);
            }

            writer.Write(scorer.WordWeights[slot]);
        }

        SpanLookup? chars = scorer.CharGramLookup;
        writer.Write(chars?.Count ?? 0);
        for (int slot = 0; slot < (chars?.Count ?? 0); slot++)
        {
            WriteSpan(writer, chars!.Key(slot));
            writer.Write(scorer.CharWeights[slot]);
        }

        writer.Write(scorer.EmbeddingDimension);

        writer.Write(scorer.Heads.Count);
        foreach (LinearHead head in scorer.Heads)
        {
            writer.Write(head.Name);
            writer.Write(head.Labels.Count);
            foreach (string label in head.Labels)
            {
                writer.Write(label);
            }

            writer.Write((byte)head.Output);
            WriteFloats(writer, head.Weights);
            WriteFloats(writer, head.Biases);
            if (head.Output == HeadOutput.CalibratedOneVersusAll)
            {
                for (int k = 0; k < head.Labels.Count; k++)
                {
                    writer.Write(head.PlattSlopes[k]);
                    writer.Write(head.PlattOffsets[k]);
                }
            }
        }
    }

    /// <summary>Reads a scorer; <paramref name="features"/> come from the model's metadata.</summary>
    public static LinearScorer Read(Stream stream, FeatureSettings features)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (reader.ReadString() != Magic)
        {
            throw new InvalidDataException("the compiled scorer has an unknown header");
        }

        int version = reader.ReadInt32();
        if (version != Version)
        {
            throw new InvalidDataException($"the compiled scorer is version {version}, this library reads version {Version}");
        }

        var tokens = new string[ReadCount(reader)];
        for (int i = 0; i < tokens.Length; i++)
        {
            tokens[i] = reader.ReadString();
        }

        int wordSlots = ReadCount(reader);
        var ngrams = new int[wordSlots][];
        var wordWeights = new float[wordSlots];
        for (int slot = 0; slot < wordSlots; slot++)
        {
            var ids = new int[reader.ReadByte()];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = reader.ReadInt32();
                if ((uint)ids[i] >= (uint)tokens.Length)
                {
                    throw new InvalidDataException($"word n-gram slot {slot} refers to token {ids[i]} of {tokens.Length}");
                }
            }

            ngrams[slot] = ids;
            wordWeights[slot] = reader.ReadSingle();
        }

        int charSlots = ReadCount(reader);
        var grams = new string[charSlots];
        var charWeights = new float[charSlots];
        for (int slot = 0; slot < charSlots; slot++)
        {
            grams[slot] = reader.ReadString();
            charWeights[slot] = reader.ReadSingle();
        }

        int embeddingDimension = ReadCount(reader);
        int featureCount = wordSlots + charSlots + embeddingDimension;

        int headCount = ReadCount(reader);
        var heads = new LinearHead[headCount];
        for (int h = 0; h < headCount; h++)
        {
            string name = reader.ReadString();
            var labels = new string[ReadCount(reader)];
            for (int k = 0; k < labels.Length; k++)
            {
                labels[k] = reader.ReadString();
            }

            var output = (HeadOutput)reader.ReadByte();
            if (!Enum.IsDefined(output))
            {
                throw new InvalidDataException($"head '{name}' has an unknown output function {(int)output}");
            }

            float[] weights = ReadFloats(reader, featureCount * labels.Length);
            float[] biases = ReadFloats(reader, labels.Length);
            var slopes = new double[labels.Length];
            var offsets = new double[labels.Length];
            if (output == HeadOutput.CalibratedOneVersusAll)
            {
                for (int k = 0; k < labels.Length; k++)
                {
                    slopes[k] = reader.ReadDouble();
                    offsets[k] = reader.ReadDouble();
                }
            }

            heads[h] = new LinearHead(name, labels, output, weights, biases, slopes, offsets);
        }

        if (reader.BaseStream.CanSeek && reader.BaseStream.Position != reader.BaseStream.Length)
        {
            throw new InvalidDataException($"the compiled scorer has {reader.BaseStream.Length - reader.BaseStream.Position} bytes after its last head");
        }

        return new LinearScorer(
            features,
            new SpanLookup(tokens),
            new WordNgramTable(ngrams, tokens.Length),
            wordWeights,
            charSlots > 0 ? new SpanLookup(grams) : null,
            charWeights,
            embeddingDimension,
            heads);
    }

    private static int ReadCount(BinaryReader reader)
    {
        int count = reader.ReadInt32();

        // Every counted item takes at least a byte: a larger count is damage, refused before it is allocated.
        long remaining = reader.BaseStream.CanSeek ? reader.BaseStream.Length - reader.BaseStream.Position : long.MaxValue;
        if (count < 0 || count > 100_000_000 || count > remaining)
        {
            throw new InvalidDataException($"the compiled scorer has an impossible count {count}");
        }

        return count;
    }

    private static void WriteSpan(BinaryWriter writer, ReadOnlySpan<char> text) => writer.Write(text.ToString());

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        writer.Write(bytes);
    }

    private static float[] ReadFloats(BinaryReader reader, int expected)
    {
        int count = ReadCount(reader);
        if (count != expected)
        {
            throw new InvalidDataException($"expected {expected} weights, found {count}");
        }

        if (reader.BaseStream.CanSeek && (long)count * sizeof(float) > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new EndOfStreamException("the compiled scorer ends early");
        }

        byte[] bytes = reader.ReadBytes(count * sizeof(float));
        if (bytes.Length != count * sizeof(float))
        {
            throw new EndOfStreamException("the compiled scorer ends early");
        }

        var values = new float[count];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }
}
