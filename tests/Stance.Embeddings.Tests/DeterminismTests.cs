using System.Diagnostics;

namespace Stance.Embeddings.Tests;

/// <summary>
/// The embeddings do not depend on the processor's instruction sets. The test host's own assembly
/// is re-launched (<see cref="Probe"/>) with the runtime's switches turning instruction sets off —
/// which makes the encoder pick another integer kernel (AVX-VNNI, AVX-512BW, AVX2, SSSE3, scalar)
/// and the runtime compute <c>Vector256</c> float work with other instructions or in software — and
/// every run must print the hashes of this process.
/// </summary>
[Collection(EncoderCollection.Name)]
public sealed class DeterminismTests(Encoders encoders)
{
    /// <summary>
    /// The SHA-256 of <see cref="Probe.Texts"/>' embeddings. They change only when the arithmetic
    /// changes on purpose: the weight or activation quantization, the order of a sum, the exp or
    /// erfc polynomials, the tokenizer, the truncation. Then the new hashes go here, and models
    /// trained on the old embeddings need retraining, since their features moved.
    /// </summary>
    private static readonly Dictionary<string, string> Recorded = new()
    {
        [TransformerEncoder.MiniLmL6V2] = "EE79C2F280375C24F9286BDADA7F852E83075159D8B2453FC5F0B01BA6D28DF7",
        [TransformerEncoder.ArcticEmbedXs] = "EA6BFC04C12876B26FC5F89E024F55992A2DA0D46ADEFDAB94757BFB5907A944",
        [TransformerEncoder.MiniLmL6V2Aspects] = "0C8243E46BD1689A8167DD8BBCB2CF3FAADAEF73E563FB21B214DF7C49FAD47D",
        [TransformerEncoder.MiniLmL6V2AspectsLayer3] = "889524E8B4394C3CD44846FB5CB9230714F9ABDD35D0131A3A7F165FEF5D0FD6",
    };

    /// <summary>
    /// .NET 10 names (<c>DOTNET_EnableAVX512</c> covers AVX-512 F/BW/CD/DQ/VL; VNNI at 512 bits is
    /// not exposed). Without AVX2 the runtime also stops accelerating <c>Vector256</c>, so that run
    /// covers the software vectors and the SSSE3 kernel (turning AVX off as well adds nothing).
    /// </summary>
    private static readonly string[] Switches =
    [
        "",
        "DOTNET_EnableAVXVNNI=0",
        "DOTNET_EnableAVX512=0",
        "DOTNET_EnableAVX512=0 DOTNET_EnableAVXVNNI=0",
        "DOTNET_EnableAVX2=0",
        "DOTNET_EnableHWIntrinsic=0",
        "DOTNET_PreferredVectorBitWidth=128",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void Hashes_are_the_recorded_ones(string name)
    {
        Assert.True(Recorded.TryGetValue(name, out string? recorded), $"no hash recorded for the encoder {name}: record it in {nameof(Recorded)}");
        Assert.Equal(recorded, Probe.Hash(encoders[name], Probe.Texts));
    }

    /// <summary>Every encoder of the catalog: one added there fails <see cref="Hashes_are_the_recorded_ones"/> until its hash is recorded.</summary>
    private static readonly string[] NameList = [.. ModelCatalog.Models.Select(m => m.Name)];

    public static TheoryData<string> Names => new(NameList);

    /// <summary>All switch settings, two probes at a time (the machines have two cores), each compared with this process.</summary>
    [Fact]
    public async Task Every_instruction_set_gives_the_same_bits()
    {
        Dictionary<string, string> all = NameList.ToDictionary(name => name, name => Probe.Hash(encoders[name], Probe.Texts));
        Dictionary<string, string> few = NameList.ToDictionary(name => name, name => Probe.Hash(encoders[name], Probe.Few));
        using var slots = new SemaphoreSlim(2);
        Dictionary<string, string>[] probes = await Task.WhenAll(Switches.Select(async switches =>
        {
            await slots.WaitAsync();
            try
            {
                return await Task.Run(() => RunProbe(switches));
            }
            finally
            {
                slots.Release();
            }
        }));

        var kernels = new HashSet<string>();
        foreach ((string switches, Dictionary<string, string> probe) in Switches.Zip(probes))
        {
            foreach ((string name, string hash) in Software(switches) ? few : all)
            {
                Assert.True(hash == probe[name], $"{name} with '{switches}': {probe[name]}, in-process {hash}");
            }

            Assert.True(probe["onnxruntime-loaded"] == "False", "the encoder loaded ONNX Runtime");
            string expectedKernel = switches switch
            {
                _ when switches.Contains("EnableHWIntrinsic=0", StringComparison.Ordinal) => nameof(KernelKind.Scalar),
                _ when switches.Contains("EnableAVX2=0", StringComparison.Ordinal) || switches.Contains("EnableAVX=0", StringComparison.Ordinal) => nameof(KernelKind.Ssse3),
                _ => probe["kernel"],
            };
            Assert.True(expectedKernel == probe["kernel"], $"'{switches}' ran the {probe["kernel"]} kernel, not {expectedKernel}");
            kernels.Add(probe["kernel"]);
        }

        // Where the processor has them, the switches reached every kernel.
        Assert.Superset(new HashSet<string>(Int8Gemm.Supported().Select(k => k.ToString())), kernels);
    }

    /// <summary>Whether the runtime computes vectors in software under these switches (then the probe hashes <see cref="Probe.Few"/>).</summary>
    private static bool Software(string switches) => switches.Contains("EnableHWIntrinsic=0", StringComparison.Ordinal)
        || switches.Contains("EnableAVX2=0", StringComparison.Ordinal)
        || switches.Contains("PreferredVectorBitWidth=128", StringComparison.Ordinal);

    private static Dictionary<string, string> RunProbe(string switches)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Probe).Assembly.Location);
        start.ArgumentList.Add("probe");
        if (Software(switches))
        {
            start.ArgumentList.Add("few");
        }
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_Enable", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_Preferred", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (string assignment in switches.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = assignment.Split('=');
            start.Environment[parts[0]] = parts[1];
        }

        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), $"the probe ({switches}) did not finish");
        Assert.True(process.ExitCode == 0, $"the probe ({switches}) failed: {error.Result}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
    }
}
