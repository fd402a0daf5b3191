using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Stance.Scoring;

/// <summary>
/// A read-only map from strings to consecutive ids (their position in the list given at
/// construction) that is looked up with a character span, without allocating. Open addressing over
/// 64-bit XXH3 hashes; a hit is confirmed by comparing the characters, so lookups are exact.
/// </summary>
/// <remarks>
/// A slot is 8 bytes, the upper half of the key's hash beside its id, so that the table stays small
/// enough for the processor's caches and a lookup reads one slot plus, on a hit, the key's characters.
/// </remarks>
internal sealed class SpanLookup
{
    private readonly char[] _chars;
    private readonly int[] _offsets;
    private readonly ulong[] _slots;
    private readonly int _mask;

    public SpanLookup(IReadOnlyList<string> keys)
    {
        Count = keys.Count;
        _offsets = new int[keys.Count + 1];
        int total = 0;
        for (int i = 0; i < keys.Count; i++)
        {
            _offsets[i] = total;
            total += keys[i].Length;
        }

        _offsets[keys.Count] = total;
        _chars = new char[total];
        for (int i = 0; i < keys.Count; i++)
        {
            keys[i].CopyTo(0, _chars, _offsets[i], keys[i].Length);
        }

        int capacity = 16;
        while (capacity < keys.Count * 2)
        {
            capacity <<= 1;
        }

        _mask = capacity - 1;
        _slots = new ulong[capacity];
        for (int i = 0; i < keys.Count; i++)
        {
            ReadOnlySpan<char> key = keys[i];
            ulong hash = Hash(key);
            int index = (int)hash & _mask;
            while (_slots[index] != 0)
            {
                if (Key(IdOf(_slots[index])).SequenceEqual(key))
                {
                    throw new ArgumentException($"Duplicate key '{keys[i]}'.", nameof(keys));
                }

                index = (index + 1) & _mask;
            }

            _slots[index] = (hash & TagMask) | (uint)(i + 1);
        }
    }

    public int Count { get; }

    public ReadOnlySpan<char> Key(int id) => _chars.AsSpan(_offsets[id], _offsets[id + 1] - _offsets[id]);

    /// <summary>The id of <paramref name="key"/>, or -1 when it is not in the map.</summary>
    public int Find(ReadOnlySpan<char> key) => Find(key, Hash(key));

    /// <summary>The id of <paramref name="key"/>, whose <see cref="Hash"/> is <paramref name="hash"/>, or -1.</summary>
    public int Find(ReadOnlySpan<char> key, ulong hash)
    {
        ulong tag = hash & TagMask;
        int[] offsets = _offsets;
        for (int index = (int)hash & _mask; ; index = (index + 1) & _mask)
        {
            ulong slot = _slots[index];
            if (slot == 0)
            {
                return -1;
            }

            if ((slot & TagMask) == tag)
            {
                int id = IdOf(slot);
                int start = offsets[id];
                if (offsets[id + 1] - start == key.Length && SameChars(_chars.AsSpan(start, key.Length), key))
                {
                    return id;
                }
            }
        }
    }

    /// <summary>
    /// Reads the slot where the lookup of a key with this hash starts and returns part of it, so that
    /// a caller can bring the slots of many keys into the cache with independent loads, which the
    /// processor overlaps, before looking them up one by one.
    /// </summary>
    public ulong Touch(ulong hash) => _slots[(int)hash & _mask];

    /// <summary>Compares two keys of the same length; most are a few characters, which a plain loop compares fastest.</summary>
    private static bool SameChars(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length > 8)
        {
            return a.SequenceEqual(b);
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }

    public static ulong Hash(ReadOnlySpan<char> key) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(key));

    /// <summary>The upper half of a slot: the upper half of its key's hash.</summary>
    private const ulong TagMask = 0xFFFF_FFFF_0000_0000UL;

    /// <summary>The lower half of a slot holds the key's id plus one, so that 0 marks an empty slot.</summary>
    private static int IdOf(ulong slot) => (int)(uint)slot - 1;
}
