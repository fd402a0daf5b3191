namespace Stance.Embeddings;

/// <summary>
/// A buffer on the pinned object heap whose first element is 64-byte aligned (a cache line, and
/// the widest vector): the kernels read it through pointers. Being managed memory, it lives as long
/// as anything references it, so an encoder disposed while a call is still running cannot free
/// memory under that call.
/// </summary>
internal sealed unsafe class AlignedBuffer<T>
    where T : unmanaged
{
    private const int Alignment = 64;

    private readonly byte[] _storage;

    public AlignedBuffer(long length)
    {
        Length = length;
        _storage = GC.AllocateArray<byte>(checked((int)((length * sizeof(T)) + Alignment)), pinned: true);
        fixed (byte* start = _storage)
        {
            long misalignment = (long)start % Alignment;
            Pointer = (T*)(start + (misalignment == 0 ? 0 : Alignment - misalignment));
        }
    }

    public long Length { get; }

    /// <summary>Valid while this object is referenced: pinned arrays do not move.</summary>
    public T* Pointer { get; }

    public Span<T> Span => new(Pointer, checked((int)Length));
}
