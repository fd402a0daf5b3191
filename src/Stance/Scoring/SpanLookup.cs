using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Stance.Scoring;

/// <summary>
/// A read-only map from strings to consecutive ids (their position in the list given at
/// construction) that is looked up with a character span, without allocating. Open addressing over
/// 64-bit XXH3 hashes; a hit is confirmed by comparing the characters, so lookups are exact.
/// </summary>
internal sealed class SpanLookup
{
    private readonly char[] _chars;
    private readonly int[] _offsets;
    private readonly ulong[] _hashes;
    private readonly int[] _ids;
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
        _hashes = new ulong[capacity];
        _ids = new int[capacity];
        Array.Fill(_ids, -1);
        for (int i = 0; i < keys.Count; i++)
        {
            ReadOnlySpan<char> key = keys[i];
            ulong hash = Hash(key);
            int slot = (int)hash & _mask;
            while (_ids[slot] >= 0)
            {
                if (_hashes[slot] == hash && Key(_ids[slot]).SequenceEqual(key))
                {
                    throw new ArgumentException($"Duplicate key '{keys[i]}'.", nameof(keys));
                }

                slot = (slot + 1) & _mask;
            }

            _hashes[slot] = hash;
            _ids[slot] = i;
        }
    }

    public int Count { get; }

    public ReadOnlySpan<char> Key(int id) => _chars.AsSpan(_offsets[id], _offsets[id + 1] - _offsets[id]);

    /// <summary>The id of <paramref name="key"/>, or -1 when it is not in the map.</summary>
    public int Find(ReadOnlySpan<char> key)
    {
        ulong hash = Hash(key);
        int slot = (int)hash & _mask;
        while (true)
        {
            int id = _ids[slot];
            if (id < 0)
            {
                return -1;
            }

            if (_hashes[slot] == hash && Key(id).SequenceEqual(key))
            {
                return id;
            }

            slot = (slot + 1) & _mask;
        }
    }

    private static ulong Hash(ReadOnlySpan<char> key) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(key));
}
