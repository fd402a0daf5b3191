using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Stance.Scoring;

/// <summary>
/// A read-only map from strings to consecutive ids (their position in the list given at
/// construction) that is looked up with a character span, without allocating. Open addressing over
/// 64-bit XXH3 hashes; a hit is confirmed by comparing the characters, so lookups are exact.
/// </summary>
/// <remarks>
/// Each slot holds the hash, the id and where the key's characters are, side by side, so that a
/// lookup touches one cache line of the table plus the key's characters on a hit.
/// </remarks>
internal sealed class SpanLookup
{
    private readonly char[] _chars;
    private readonly int[] _offsets;
    private readonly Slot[] _slots;
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
        _slots = new Slot[capacity];
        for (int i = 0; i < keys.Count; i++)
        {
            ReadOnlySpan<char> key = keys[i];
            ulong hash = Hash(key);
            int index = (int)hash & _mask;
            while (_slots[index].Id != 0)
            {
                if (_slots[index].Hash == hash && Key(_slots[index].Id - 1).SequenceEqual(key))
                {
                    throw new ArgumentException($"Duplicate key '{keys[i]}'.", nameof(keys));
                }

                index = (index + 1) & _mask;
            }

            _slots[index] = new Slot(hash, i + 1, _offsets[i], key.Length);
        }
    }

    public int Count { get; }

    public ReadOnlySpan<char> Key(int id) => _chars.AsSpan(_offsets[id], _offsets[id + 1] - _offsets[id]);

    /// <summary>The id of <paramref name="key"/>, or -1 when it is not in the map.</summary>
    public int Find(ReadOnlySpan<char> key)
    {
        ulong hash = Hash(key);
        int index = (int)hash & _mask;
        while (true)
        {
            ref readonly Slot slot = ref _slots[index];
            if (slot.Id == 0)
            {
                return -1;
            }

            if (slot.Hash == hash && slot.Length == key.Length && _chars.AsSpan(slot.Offset, slot.Length).SequenceEqual(key))
            {
                return slot.Id - 1;
            }

            index = (index + 1) & _mask;
        }
    }

    private static ulong Hash(ReadOnlySpan<char> key) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(key));

    /// <summary>A table slot; <see cref="Id"/> is the key's id plus one, so 0 marks an empty slot.</summary>
    private readonly record struct Slot(ulong Hash, int Id, int Offset, int Length);
}
