using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Stance.Tests.Support;

namespace Stance.Tests;

/// <summary>
/// The arrows between Stance's assemblies that must never exist (see the README's Architecture
/// section): the small inference library depends on no other part and on no heavy package, and
/// front ends use only public APIs.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly string[] Ours = ["Stance.Inference", "Stance.IO", "Stance.Extraction", "Stance.Articles", "Stance.Embeddings", "Stance.MlNet", "Stance.Training", "Stance.Server", "stance"];

    /// <summary>Assembly name prefixes each of our assemblies must never reference.</summary>
    public static TheoryData<string, string[]> ForbiddenReferences => new()
    {
        { "Stance.Inference", [.. Ours, "Microsoft.ML", "Microsoft.ML.OnnxRuntime", "SentenceTransformers", "CsvHelper", "Spectre.Console", "System.CommandLine", "Microsoft.AspNetCore"] },
        { "Stance.Extraction", [.. Ours, "Microsoft.ML", "CsvHelper"] },
        { "Stance.IO", ["Stance.Extraction", "Stance.Articles", "Stance.Embeddings", "Stance.MlNet", "Stance.Training", "Stance.Server", "stance", "Microsoft.ML"] },
        { "Stance.Articles", ["Stance.Embeddings", "Stance.MlNet", "Stance.Training", "Stance.Server", "stance", "Microsoft.ML"] },
        { "Stance.Embeddings", ["Stance.IO", "Stance.Extraction", "Stance.Articles", "Stance.MlNet", "Stance.Training", "Stance.Server", "stance"] },
        { "Stance.MlNet", ["Stance.IO", "Stance.Extraction", "Stance.Articles", "Stance.Embeddings", "Stance.Training", "Stance.Server", "stance"] },
        { "Stance.Training", ["Stance.Extraction", "Stance.Articles", "Stance.Server", "stance"] },
        { "Stance.Server", ["Stance.IO", "Stance.MlNet", "Stance.Training", "stance", "Microsoft.ML", "Spectre.Console", "System.CommandLine"] },
    };

    [Theory]
    [MemberData(nameof(ForbiddenReferences))]
    public void An_assembly_never_references_what_lies_above_it_or_beside_it(string assembly, string[] forbidden)
    {
        AssemblyName[] references = Load(assembly).GetReferencedAssemblies();

        string[] violations = references
            .Select(r => r.Name!)
            .Where(name => name != assembly && forbidden.Any(f => name == f || name.StartsWith(f + ".", StringComparison.Ordinal)))
            .ToArray();
        Assert.True(violations.Length == 0, $"{assembly} references {string.Join(", ", violations)}");
    }

    [Theory]
    [InlineData("Stance.Inference")]
    [InlineData("Stance.IO")]
    [InlineData("Stance.Extraction")]
    [InlineData("Stance.Articles")]
    [InlineData("Stance.Embeddings")]
    [InlineData("Stance.MlNet")]
    [InlineData("Stance.Training")]
    public void The_command_line_and_the_server_see_only_public_apis(string assembly)
    {
        string[] friends = Load(assembly).GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName).ToArray();

        Assert.DoesNotContain("stance", friends);
        Assert.DoesNotContain("Stance.Server", friends);
    }

    [Fact]
    public void The_small_library_has_no_ml_net_or_onnx_runtime_package_even_transitively()
    {
        // What `dotnet list src/Stance/Stance.csproj package --include-transitive` lists, read from the restore's assets file.
        string assets = Path.Combine(Repository.Root, "src", "Stance", "obj", "project.assets.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(assets));
        string[] packages = document.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(p => p.Value.GetProperty("type").GetString() == "package")
            .Select(p => p.Name.Split('/')[0])
            .ToArray();

        Assert.NotEmpty(packages);
        Assert.DoesNotContain(packages, p => p.StartsWith("Microsoft.ML", StringComparison.OrdinalIgnoreCase) || p.StartsWith("SentenceTransformers", StringComparison.OrdinalIgnoreCase));
    }

    private static Assembly Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : Assembly.Load(new AssemblyName(name));
    }
}
