namespace Stance.Embeddings;

/// <summary>The scratch buffers of one forward pass over a batch of at most <see cref="MaxRows"/> tokens; one per running call.</summary>
internal sealed unsafe class Workspace
{
    private readonly AlignedBuffer<float> _hidden;
    private readonly AlignedBuffer<float> _qkv;
    private readonly AlignedBuffer<float> _context;
    private readonly AlignedBuffer<float> _intermediate;
    private readonly AlignedBuffer<byte> _codes;
    private readonly AlignedBuffer<float> _rowScale;
    private readonly AlignedBuffer<float> _rowMin;
    private readonly AlignedBuffer<float> _attention;

    public Workspace(int maxRows, int maxSequence, int hidden, int intermediate)
    {
        MaxRows = maxRows;
        int padded = Int8Gemm.PaddedRows(maxRows);
        _hidden = new AlignedBuffer<float>((long)maxRows * hidden);
        _qkv = new AlignedBuffer<float>((long)maxRows * 3 * hidden);
        _context = new AlignedBuffer<float>((long)maxRows * hidden);
        _intermediate = new AlignedBuffer<float>((long)maxRows * intermediate);
        _codes = new AlignedBuffer<byte>((long)padded * Math.Max(hidden, intermediate));
        _rowScale = new AlignedBuffer<float>(padded);
        _rowMin = new AlignedBuffer<float>(padded);
        _attention = new AlignedBuffer<float>(Attention.ScratchLength(maxSequence));
    }

    public int MaxRows { get; }

    /// <summary>The residual stream, <c>[rows, hidden]</c>.</summary>
    public float* Hidden => _hidden.Pointer;

    public float* Qkv => _qkv.Pointer;

    public float* Context => _context.Pointer;

    public float* Intermediate => _intermediate.Pointer;

    /// <summary>8-bit activation codes of the current product's input, rows padded to <see cref="Int8Gemm.TileRows"/>.</summary>
    public byte* Codes => _codes.Pointer;

    public float* RowScale => _rowScale.Pointer;

    public float* RowMin => _rowMin.Pointer;

    /// <summary>Scratch of <see cref="Attention.Sequence"/>.</summary>
    public float* AttentionScratch => _attention.Pointer;
}
