namespace Stance.Scoring;

/// <summary>
/// The word n-gram dictionary: maps a sequence of up to three token ids to its slot in the word
/// block. Laid out for few cache misses: a unigram's slot is indexed by its token id, a bigram is
/// found among the sorted successors of its first token, and trigrams (rarer) in a hash map.
/// </summary>
internal sealed class WordNgramTable
{
    public const int MaxSupportedLength = 3;
    public const int MaxTokenId = (1 << 21) - 2;

    private readonly int[][] _ids;
    private readonly int[] _unigrams;
    private readonly ulong[] _bigramKeys;
    private readonly int[] _bigramSlots;
    private readonly int _bigramShift;
    private readonly Dictionary<ulong, int> _trigrams = [];

    public WordNgramTable(IReadOnlyList<int[]> ngrams, int tokenCount)
    {
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

        // Bigrams: open addressing over packed keys, 8 bytes a slot, so a lookup is usually one cache miss.
        int capacity = 16;
        while (capacity < bigrams.Count * 2)
        {
            capacity <<= 1;
        }

        _bigramShift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
        _bigramKeys = new ulong[capacity];
        _bigramSlots = new int[capacity];
        foreach ((int first, int second, int slot) in bigrams)
        {
            ulong key = BigramKey(first, second);
            int index = BigramIndex(key);
            while (_bigramKeys[index] != 0)
            {
                if (_bigramKeys[index] == key)
                {
                    throw new InvalidDataException($"word n-gram slot {slot} repeats an earlier n-gram");
                }

                index = (index + 1) & (capacity - 1);
            }

            _bigramKeys[index] = key;
            _bigramSlots[index] = slot;
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
        ulong[] keys = _bigramKeys;
        int mask = keys.Length - 1;
        for (int index = BigramIndex(key); ; index = (index + 1) & mask)
        {
            ulong found = keys[index];
            if (found == key)
            {
                return _bigramSlots[index];
            }

            if (found == 0)
            {
                return -1;
            }
        }
    }

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

    private static ulong BigramKey(int a, int b) => ((ulong)(uint)(a + 1) << 32) | (uint)(b + 1);

    private int BigramIndex(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _bigramShift);

    private static ulong Pack(int a, int b, int c) => ((ulong)(uint)a << 42) | ((ulong)(uint)b << 21) | (uint)c;
}
