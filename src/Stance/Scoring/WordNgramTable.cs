namespace Stance.Scoring;

/// <summary>
/// The word n-gram dictionary: maps a sequence of up to three token ids to its slot in the word
/// block. Ids are packed 21 bits each into one 64-bit key, looked up in an open-addressing table.
/// </summary>
internal sealed class WordNgramTable
{
    public const int MaxSupportedLength = 3;
    public const int MaxTokenId = (1 << 21) - 2;

    private readonly ulong[] _keys;
    private readonly Entry[] _table;
    private readonly int _mask;
    private readonly int _shift;

    public WordNgramTable(IReadOnlyList<int[]> ngrams)
    {
        _keys = new ulong[ngrams.Count];
        int capacity = 16;
        while (capacity < ngrams.Count * 2)
        {
            capacity <<= 1;
        }

        _mask = capacity - 1;
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
        _table = new Entry[capacity];
        for (int slot = 0; slot < ngrams.Count; slot++)
        {
            int[] ids = ngrams[slot];
            if (ids.Length is 0 or > MaxSupportedLength)
            {
                throw new InvalidDataException($"word n-grams of length {ids.Length} are not supported");
            }

            MaxLength = Math.Max(MaxLength, ids.Length);
            ulong key = Pack(ids);
            _keys[slot] = key;
            int index = Index(key);
            while (_table[index].Key != 0)
            {
                if (_table[index].Key == key)
                {
                    throw new InvalidDataException($"word n-gram slot {slot} repeats an earlier n-gram");
                }

                index = (index + 1) & _mask;
            }

            _table[index] = new Entry(key, slot);
        }
    }

    public int Count => _keys.Length;

    public int MaxLength { get; }

    public int Find(ReadOnlySpan<int> ids)
    {
        ulong key = Pack(ids);
        int index = Index(key);
        while (true)
        {
            Entry entry = _table[index];
            if (entry.Key == key)
            {
                return entry.Slot;
            }

            if (entry.Key == 0)
            {
                return -1;
            }

            index = (index + 1) & _mask;
        }
    }

    /// <summary>The token ids of a slot.</summary>
    public int[] Ids(int slot)
    {
        var ids = new List<int>(MaxSupportedLength);
        for (ulong key = _keys[slot]; key != 0; key >>= 21)
        {
            ids.Add((int)(key & 0x1FFFFF) - 1);
        }

        return [.. ids];
    }

    /// <summary>The n-gram of a slot as words separated by spaces.</summary>
    public string Describe(int slot, SpanLookup tokens) => string.Join(' ', Ids(slot).Select(id => tokens.Key(id).ToString()));

    private int Index(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);

    private static ulong Pack(ReadOnlySpan<int> ids)
    {
        ulong key = 0;
        for (int i = ids.Length - 1; i >= 0; i--)
        {
            key = (key << 21) | (uint)(ids[i] + 1);
        }

        return key;
    }

    private readonly record struct Entry(ulong Key, int Slot);
}
