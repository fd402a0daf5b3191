using Stance.Text;

namespace Stance.Scoring;

/// <summary>
/// A trained linear model compiled into flat arrays: the n-gram dictionaries, their weights and the
/// class weights of each head. Scores a text with the same arithmetic as the ML.NET chain it was
/// compiled from (tokenize, count n-grams, weight, L2-normalize each block, dot products, softmax
/// or calibrated one-versus-all), without the chain's per-row overhead and without allocating.
/// Immutable and safe to share between threads; each thread brings its own <see cref="ScoringScratch"/>.
/// </summary>
internal sealed class LinearScorer
{
    public LinearScorer(
        FeatureSettings features,
        SpanLookup tokens,
        WordNgramTable wordNgrams,
        float[] wordWeights,
        SpanLookup? charGramLookup,
        float[] charWeights,
        int embeddingDimension,
        IReadOnlyList<LinearHead> heads)
    {
        Features = features;
        Tokenizer = new Tokenizer(features.Tokenizer);
        Weighting = NgramWeightingNames.Parse(features.Weighting);
        Tokens = tokens;
        WordNgrams = wordNgrams;
        WordWeights = wordWeights;
        CharGramLookup = charGramLookup;
        CharWeights = charWeights;
        EmbeddingDimension = embeddingDimension;
        Heads = heads;
        FeatureCount = wordWeights.Length + charWeights.Length + embeddingDimension;
        foreach (LinearHead head in heads)
        {
            if (head.Weights.Length != FeatureCount * head.Labels.Count)
            {
                throw new InvalidDataException($"head '{head.Name}' has {head.Weights.Length} weights for {FeatureCount} features and {head.Labels.Count} labels");
            }
        }

        // One row per feature: its n-gram weight (IDF) and every head's class weights side by side,
        // so that a feature costs one memory access for its weighting and all heads.
        _outputs = heads.Sum(h => h.Labels.Count);
        _stride = _outputs + 1;
        _rows = new float[FeatureCount * _stride];
        _biases = new float[_outputs];
        for (int f = 0; f < FeatureCount; f++)
        {
            _rows[f * _stride] = f < CharOffset ? wordWeights[f] : f < EmbeddingOffset ? charWeights[f - CharOffset] : 1f;
        }

        int offset = 1;
        foreach (LinearHead head in heads)
        {
            int labels = head.Labels.Count;
            for (int f = 0; f < FeatureCount; f++)
            {
                Array.Copy(head.Weights, f * labels, _rows, (f * _stride) + offset, labels);
            }

            head.Biases.CopyTo(_biases, offset - 1);
            offset += labels;
        }
    }

    private readonly float[] _rows;
    private readonly float[] _biases;
    private readonly int _outputs;
    private readonly int _stride;

    public FeatureSettings Features { get; }

    public Tokenizer Tokenizer { get; }

    public NgramWeighting Weighting { get; }

    public SpanLookup Tokens { get; }

    public WordNgramTable WordNgrams { get; }

    public float[] WordWeights { get; }

    public SpanLookup? CharGramLookup { get; }

    public float[] CharWeights { get; }

    public int EmbeddingDimension { get; }

    public IReadOnlyList<LinearHead> Heads { get; }

    public int FeatureCount { get; }

    private int CharOffset => WordWeights.Length;

    private int EmbeddingOffset => WordWeights.Length + CharWeights.Length;

    public ScoringScratch CreateScratch() => new();

    /// <summary>
    /// Writes each head's class probabilities, head after head, into <paramref name="probabilities"/>.
    /// <paramref name="embedding"/> is the sentence embedding for models that use one, else empty.
    /// </summary>
    public void Score(ReadOnlySpan<char> text, ReadOnlySpan<float> embedding, Span<float> probabilities, ScoringScratch scratch)
    {
        Featurize(text, embedding, scratch);
        // Sums in double: ML.NET sums in float in another order, and calibrated one-versus-all heads
        // multiply score differences by their Platt slope (often above 100); the double sum keeps
        // this scorer within ML.NET's own rounding error.
        Span<double> sums = stackalloc double[_outputs];
        float[] rows = _rows;
        int outputs = _outputs;
        int stride = _stride;
        for (int i = 0; i < scratch.FeatureCount; i++)
        {
            int row = (scratch.FeatureIndices[i] * stride) + 1;
            double value = scratch.FeatureValues[i];
            for (int k = 0; k < outputs; k++)
            {
                sums[k] += value * rows[row + k];
            }
        }

        Span<float> scores = probabilities[.._outputs];
        for (int k = 0; k < outputs; k++)
        {
            scores[k] = (float)(_biases[k] + sums[k]);
        }

        int offset = 0;
        foreach (LinearHead head in Heads)
        {
            int count = head.Labels.Count;
            head.ApplyOutput(scores.Slice(offset, count));
            offset += count;
        }
    }

    /// <summary>Computes the sparse feature vector of a text into the scratch's feature arrays.</summary>
    public void Featurize(ReadOnlySpan<char> text, ReadOnlySpan<float> embedding, ScoringScratch scratch)
    {
        scratch.FeatureCount = 0;
        TokenList tokens = scratch.Tokens;
        Tokenizer.Tokenize(text, tokens);

        CountWordNgrams(tokens, scratch);
        TouchRows(0, scratch);
        EmitBlock(1f, 0, scratch);

        if (CharGramLookup is not null)
        {
            CountCharGrams(tokens, scratch);
            TouchRows(CharOffset, scratch);
            EmitBlock(Features.CharBlockScale, CharOffset, scratch);
        }

        if (EmbeddingDimension > 0)
        {
            EmitEmbedding(embedding, scratch);
        }
    }

    private void CountWordNgrams(TokenList tokens, ScoringScratch scratch)
    {
        // Lookups here are bound by cache misses on tables of a megabyte or so. Each table is first
        // touched at every place the text will look: those loads do not depend on each other, so the
        // processor overlaps their misses, whereas a lookup branches on what it loads and so waits.
        int count = tokens.Count;
        int[] ids = scratch.EnsureTokenIds(count);
        ulong[] hashes = scratch.EnsureTokenHashes(count);
        SpanLookup lookup = Tokens;
        ulong touched = 0;
        for (int i = 0; i < count; i++)
        {
            hashes[i] = SpanLookup.Hash(tokens[i]);
            touched |= lookup.Touch(hashes[i]);
        }

        for (int i = 0; i < count; i++)
        {
            ids[i] = lookup.Find(tokens[i], hashes[i]);
        }

        // An n-gram with an unknown word never matches the dictionary, and nor does any longer one.
        WordNgramTable ngrams = WordNgrams;
        int maxLength = ngrams.MaxLength;
        if (maxLength >= 2)
        {
            for (int i = 0; i + 1 < count; i++)
            {
                if ((ids[i] | ids[i + 1]) >= 0)
                {
                    touched |= ngrams.Touch(ids[i], ids[i + 1]);
                }
            }
        }

        scratch.Touched += touched;
        for (int i = 0; i < count; i++)
        {
            int a = ids[i];
            if (a < 0)
            {
                continue;
            }

            int slot = ngrams.Unigram(a);
            if (slot >= 0)
            {
                scratch.Hit(slot);
            }

            if (maxLength < 2 || i + 1 >= count || ids[i + 1] < 0)
            {
                continue;
            }

            slot = ngrams.Bigram(a, ids[i + 1]);
            if (slot >= 0)
            {
                scratch.Hit(slot);
            }

            if (maxLength >= 3 && i + 2 < count && ids[i + 2] >= 0 && (slot = ngrams.Trigram(a, ids[i + 1], ids[i + 2])) >= 0)
            {
                scratch.Hit(slot);
            }
        }
    }

    private void CountCharGrams(TokenList tokens, ScoringScratch scratch)
    {
        SpanLookup grams = CharGramLookup!;
        int min = Features.Tokenizer.CharGramMin;
        int max = Features.Tokenizer.CharGramMax;
        Span<char> padded = stackalloc char[Text.CharGrams.MaxPaddedLength];
        for (int t = 0; t < tokens.Count; t++)
        {
            if (!tokens.IsWord(t))
            {
                continue;
            }

            int length = Text.CharGrams.Pad(tokens.WordOf(t), padded);
            for (int n = min; n <= max; n++)
            {
                for (int start = 0; start + n <= length; start++)
                {
                    int slot = grams.Find(padded.Slice(start, n));
                    if (slot >= 0)
                    {
                        scratch.Hit(slot);
                    }
                }
            }
        }
    }

    /// <summary>Reads the weight row of every slot the block hit, for the same reason as the touch passes of <see cref="CountWordNgrams"/>.</summary>
    private void TouchRows(int offset, ScoringScratch scratch)
    {
        float[] rows = _rows;
        int stride = _stride;
        float touched = 0;
        foreach (int slot in scratch.Hits.AsSpan(0, scratch.HitCount))
        {
            touched += rows[(offset + slot) * stride];
        }

        scratch.Touched += (ulong)BitConverter.SingleToInt32Bits(touched);
    }

    /// <summary>
    /// Counts the slots the block's n-grams hit, weights them, L2-normalizes them as ML.NET's global
    /// contrast normalizer does (scale / norm, with its guard for tiny factors), and appends them to
    /// the feature vector (in the order they were first hit; the dot products sum in double, so the
    /// order does not change the result beyond rounding far below the parity tolerance).
    /// </summary>
    private void EmitBlock(float scale, int offset, ScoringScratch scratch)
    {
        int first = scratch.FeatureCount;
        CountHits(scratch, offset);
        double sumOfSquares = 0;
        float[] rows = _rows;
        int stride = _stride;
        for (int i = first; i < scratch.FeatureCount; i++)
        {
            float count = scratch.FeatureValues[i];
            float weight = rows[scratch.FeatureIndices[i] * stride];
            float value = Weighting switch
            {
                NgramWeighting.Tf => count,
                NgramWeighting.TfIdf => (float)(count * (double)weight),
                _ => weight,
            };
            scratch.FeatureValues[i] = value;
            sumOfSquares += (double)value * value;
        }

        float factor = Normalizer(scale, (float)Math.Sqrt(sumOfSquares));
        for (int i = first; i < scratch.FeatureCount; i++)
        {
            scratch.FeatureValues[i] *= factor;
        }
    }

    /// <summary>
    /// Turns the block's hits (slots, with repeats) into features with their counts as values.
    /// A text hits a few dozen slots: they are counted in a small hash table that is cleared as it
    /// is read; texts with more distinct slots than it holds are sorted instead.
    /// </summary>
    private static void CountHits(ScoringScratch scratch, int offset)
    {
        Span<int> hits = scratch.Hits.AsSpan(0, scratch.HitCount);
        scratch.HitCount = 0;
        int[] table = scratch.CountTable;
        if (hits.Length <= table.Length / 2)
        {
            int mask = table.Length - 1;
            int first = scratch.FeatureCount;
            foreach (int slot in hits)
            {
                int index = (int)((uint)(slot * -1640531535) >> 24) & mask;
                while (true)
                {
                    int entry = table[index];
                    if (entry == 0)
                    {
                        // Entries hold the feature's position plus one, so 0 is empty.
                        scratch.AddFeature(offset + slot, 1f);
                        table[index] = scratch.FeatureCount - first;
                        break;
                    }

                    if (scratch.FeatureIndices[first + entry - 1] == offset + slot)
                    {
                        scratch.FeatureValues[first + entry - 1]++;
                        break;
                    }

                    index = (index + 1) & mask;
                }
            }

            // Clear only the entries used, through the features they point to.
            for (int i = first; i < scratch.FeatureCount; i++)
            {
                int slot = scratch.FeatureIndices[i] - offset;
                int index = (int)((uint)(slot * -1640531535) >> 24) & mask;
                while (table[index] != 0)
                {
                    table[index] = 0;
                    index = (index + 1) & mask;
                }
            }

            return;
        }

        hits.Sort();
        for (int i = 0; i < hits.Length;)
        {
            int slot = hits[i];
            int run = i;
            while (i < hits.Length && hits[i] == slot)
            {
                i++;
            }

            scratch.AddFeature(offset + slot, i - run);
        }
    }

    private void EmitEmbedding(ReadOnlySpan<float> embedding, ScoringScratch scratch)
    {
        if (embedding.Length != EmbeddingDimension)
        {
            throw new ArgumentException($"The model needs a {EmbeddingDimension}-dimensional sentence embedding; got {embedding.Length} values.", nameof(embedding));
        }

        double sumOfSquares = 0;
        foreach (float value in embedding)
        {
            sumOfSquares += (double)value * value;
        }

        float factor = Normalizer(Features.EmbeddingScale, (float)Math.Sqrt(sumOfSquares));
        int offset = EmbeddingOffset;
        for (int d = 0; d < embedding.Length; d++)
        {
            if (embedding[d] != 0f)
            {
                scratch.AddFeature(offset + d, embedding[d] * factor);
            }
        }
    }

    private static float Normalizer(float scale, float norm)
    {
        float factor = scale;
        if (norm > 0f)
        {
            factor /= norm;
        }

        return factor < 1e-8f ? 1f : factor;
    }

    /// <summary>A readable name for a feature index: the word n-gram, the character n-gram or the embedding dimension.</summary>
    public (string Name, FeatureKind Kind) FeatureName(int index)
    {
        if (index < CharOffset)
        {
            return (WordNgrams.Describe(index, Tokens), FeatureKind.WordNgram);
        }

        if (index < EmbeddingOffset)
        {
            return (CharGramLookup!.Key(index - CharOffset).ToString(), FeatureKind.CharNgram);
        }

        return ($"embedding[{index - EmbeddingOffset}]", FeatureKind.Embedding);
    }
}
