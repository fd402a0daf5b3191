using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace Stance.Embeddings.Tests;

/// <summary>
/// The test assembly's entry point, for the determinism test: <c>dotnet Stance.Embeddings.Tests.dll
/// probe</c> prints the kernel it selected and the SHA-256 of every encoder's embeddings of
/// <see cref="Texts"/>, so that a re-launch with other instruction-set switches can be compared.
/// </summary>
public static class Probe
{
    /// <summary>Short and long statements, accents, [UNK] cases, an empty text: the hashed inputs.</summary>
    public static readonly IReadOnlyList<string> Texts =
    [
        "Sanctions relief should follow verified steps, not precede them.",
        "The Barbados agreement is a real opening. An electoral roadmap signed by both sides, with international observers invited, is more than anyone had a year ago.",
        "Havana's new cafés and guesthouses are the best argument for the opening; the G7 should say so.",
        "Watching the missile cross over Aomori, I thought about all the communiqués condemning the previous one. They made no difference then and they won't now.",
        "",
        "No.",
    ];

    /// <summary>A shorter set for the runs that compute vectors in software (tens of times slower): still accents, [UNK] cases and the empty text.</summary>
    public static IReadOnlyList<string> Few => [Texts[0], Texts[2], Texts[4], Texts[5]];

    public static int Main(string[] args)
    {
        if (args is not (["probe"] or ["probe", "few"]))
        {
            Console.Error.WriteLine("usage: Stance.Embeddings.Tests probe [few]");
            return 2;
        }

        foreach (string name in ModelCatalog.Models.Select(m => m.Name))
        {
            using TransformerEncoder encoder = TransformerEncoder.Load(name);
            Console.WriteLine($"{name}={Hash(encoder, args.Length == 2 ? Few : Texts)}");
        }

        Console.WriteLine($"kernel={Int8Gemm.Selected}");
        Console.WriteLine($"vector256={Vector256.IsHardwareAccelerated}");
        Console.WriteLine($"vector512={Vector512.IsHardwareAccelerated}");
        Console.WriteLine($"onnxruntime-loaded={AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name?.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal) == true)}");
        return 0;
    }

    /// <summary>The SHA-256 of the embeddings of <paramref name="texts"/> (each encoded alone, then all in one batch), as little-endian float bits.</summary>
    public static string Hash(TransformerEncoder encoder, IReadOnlyList<string> texts)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var embedding = new float[encoder.Dimension];
        foreach (string text in texts)
        {
            encoder.Encode(text, embedding);
            sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(embedding.AsSpan()));
        }

        foreach (float[] batched in encoder.EncodeMany(texts, 2))
        {
            sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(batched.AsSpan()));
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
