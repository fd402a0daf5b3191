namespace Stance.Scoring;

/// <summary>
/// The word n-gram dictionary: maps a sequence of up to three token ids to its slot in the word
/// block. Laid out for few cache misses: a unigram's slot is indexed by its token id, a bigram is
/// one 8-byte entry of an open-addressing table (its two token ids and its slot packed together,
/// so a lookup reads one cache line), and trigrams (rarer) are in a hash map.
/// </summary>
internal sealed class WordNgramTable
{
    public const int MaxSupportedLength = 3;
    public const int MaxTokenId = (1 << 21) - 2;

    /// <summary>The most n-grams a table holds: a bigram entry keeps its slot in 22 bits.</summary>
    public const int MaxSlots = 1 << 22;

    private const int KeyBits = 42;
    private const ulong KeyMask = (1UL << KeyBits) - 1;

    private readonly int[][] _ids;
    private readonly int[] _unigrams;
    private readonly ulong[] _bigrams;
    private readonly int _bigramShift;
    private readonly Dictionary<ulong, int> _trigrams = [];

    public WordNgramTable(IReadOnlyList<int[]> ngrams, int tokenCount)
    {
        if (ngrams.Count > MaxSlots)
        {
            throw new InvalidDataException($"the word n-gram dictionary has {ngrams.Count} entries; at most {MaxSlots} are supported");
        }

        _ids = [.. ngrams];
        _unigrams = new int[tokenCount];
        Array.Fill(_unigrams, -1);
        var bigrams = new List<(int First, int Second, int Slot)>();
        for (int slot = 0; slot < ngrams.Count; slot++)
        {
            int[] ids = ngrams[slot];
            if (ids.Length is 0 or > MaxSupportedLength || ids.Any(id => (uint)id >= (uint)tokenCount))
            {
                throw new InvalidDataException($"word n-gram slot {slot} is not a sequence of one to three known words");
            }

            MaxLength = Math.Max(MaxLength, ids.Length);
            bool added = ids.Length switch
            {
                1 => TrySet(ref _unigrams[ids[0]], slot),
                2 => Add(bigrams, (ids[0], ids[1], slot)),
                _ => _trigrams.TryAdd(Pack(ids[0], ids[1], ids[2]), slot),
            };
            if (!added)
            {
                throw new InvalidDataException($"word n-gram slot {slot} repeats an earlier n-gram");
            }
        }

        // Bigrams: open addressing, at most three quarters full: small enough to stay in the caches,
        // and a lookup still usually reads one cache line (eight entries).
        int capacity = 16;
        while (capacity * 3L < bigrams.Count * 4L)
        {
            capacity <<= 1;
        }

        _bigramShift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
        _bigrams = new ulong[capacity];
        foreach ((int first, int second, int slot) in bigrams)
        {
            ulong key = BigramKey(first, second);
            int index = BigramIndex(key);
            while (_bigrams[index] != 0)
            {
                if ((_bigrams[index] & KeyMask) == key)
                {
                    throw new InvalidDataException($"word n-gram slot {slot} repeats an earlier n-gram");
                }

                index = (index + 1) & (capacity - 1);
            }

            _bigrams[index] = key | ((ulong)slot << KeyBits);
        }
    }

    public int Count => _ids.Length;

    public int MaxLength { get; }

    /// <summary>The slot of the unigram of token <paramref name="a"/>, or -1.</summary>
    public int Unigram(int a) => _unigrams[a];

    /// <summary>The slot of the bigram (<paramref name="a"/>, <paramref name="b"/>), or -1.</summary>
    public int Bigram(int a, int b)
    {
        ulong key = BigramKey(a, b);
        ulong[] entries = _bigrams;
        int mask = entries.Length - 1;
        for (int index = BigramIndex(key); ; index = (index + 1) & mask)
        {
            ulong entry = entries[index];
            if ((entry & KeyMask) == key)
            {
                return (int)(entry >> KeyBits);
            }

            if (entry == 0)
            {
                return -1;
            }
        }
    }

    /// <summary>
    /// Reads the entry where the lookup of bigram (<paramref name="a"/>, <paramref name="b"/>) starts
    /// and returns it, so that a caller can bring the entries of many bigrams into the cache with
    /// independent loads, which the processor overlaps, before looking them up one by one.
    /// </summary>
    public ulong Touch(int a, int b) => _bigrams[BigramIndex(BigramKey(a, b))];

    /// <summary>The slot of the trigram (<paramref name="a"/>, <paramref name="b"/>, <paramref name="c"/>), or -1.</summary>
    public int Trigram(int a, int b, int c) => _trigrams.TryGetValue(Pack(a, b, c), out int slot) ? slot : -1;

    /// <summary>The token ids of a slot.</summary>
    public int[] Ids(int slot) => _ids[slot];

    /// <summary>The n-gram of a slot as words separated by spaces.</summary>
    public string Describe(int slot, SpanLookup tokens) => string.Join(' ', _ids[slot].Select(id => tokens.Key(id).ToString()));

    private static bool TrySet(ref int target, int slot)
    {
        if (target >= 0)
        {
            return false;
        }

        target = slot;
        return true;
    }

    private static bool Add(List<(int, int, int)> list, (int, int, int) item)
    {
        list.Add(item);
        return true;
    }

    /// <summary>Both token ids plus one, 21 bits each, so that 0 marks an empty entry.</summary>
    private static ulong BigramKey(int a, int b) => ((ulong)(uint)(a + 1) << 21) | (uint)(b + 1);

    private int BigramIndex(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _bigramShift);

    private static ulong Pack(int a, int b, int c) => ((ulong)(uint)a << 42) | ((ulong)(uint)b << 21) | (uint)c;
}
