namespace Stance.Scoring;

/// <summary>
/// The word n-gram dictionary: maps a sequence of up to three token ids to its slot in the word
/// block. Ids are packed 21 bits each into one 64-bit key.
/// </summary>
internal sealed class WordNgramTable
{
    public const int MaxSupportedLength = 3;
    public const int MaxTokenId = (1 << 21) - 2;

    private readonly Dictionary<ulong, int> _slots;
    private readonly ulong[] _keys;

    public WordNgramTable(IReadOnlyList<int[]> ngrams)
    {
        _keys = new ulong[ngrams.Count];
        _slots = new Dictionary<ulong, int>(ngrams.Count);
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
            if (!_slots.TryAdd(key, slot))
            {
                throw new InvalidDataException($"word n-gram slot {slot} repeats an earlier n-gram");
            }
        }
    }

    public int Count => _keys.Length;

    public int MaxLength { get; }

    public int Find(ReadOnlySpan<int> ids) => _slots.TryGetValue(Pack(ids), out int slot) ? slot : -1;

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

    private static ulong Pack(ReadOnlySpan<int> ids)
    {
        ulong key = 0;
        for (int i = ids.Length - 1; i >= 0; i--)
        {
            key = (key << 21) | (uint)(ids[i] + 1);
        }

        return key;
    }
}
