using System.Text.Json;
using Stance.Tests.Support;

namespace Stance.Tests;

/// <summary>
/// <c>stance evaluate</c> on a file whose labels are not the model's: refused on one line naming the
/// file, the first line with such a label and the column; <c>--label-map</c> folds them in, as in training.
/// </summary>
[Collection(SmallModelCollection.Name)]
public sealed class EvaluateLabelTests(SmallModelFixture model) : IDisposable
{
    private const string Tweets = "text,stance\nWe should keep talking to them.,favor\nPile on the sanctions now.,against\nTalks are the way forward.,favor\n";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_label_the_model_does_not_know_is_refused_naming_the_file_line_and_column()
    {
        string data = _directory.Write("tweets.csv", Tweets);

        CommandLine.Result result = CommandLine.Run(_directory.Path, "evaluate", "--model", model.ModelPath, "--data", data);

        Assert.Equal(1, result.ExitCode);
        string error = Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.Equal($"stance: error: {data}:2 (column 'stance'): the label 'favor' (2 row(s)) is not one the model knows (its stance labels are: pro-engagement, pro-pressure, skeptical); fold it into one with --label-map favor=LABEL", error);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void Label_map_folds_the_files_labels_into_the_models_before_scoring()
    {
        string data = _directory.Write("tweets.csv", Tweets);
        string mapped = _directory.Write("mapped.csv", Tweets.Replace(",favor", ",pro-engagement", StringComparison.Ordinal).Replace(",against", ",pro-pressure", StringComparison.Ordinal));

        CommandLine.Result folded = CommandLine.Run(_directory.Path, "evaluate", "--model", model.ModelPath, "--data", data, "--label-map", "favor=pro-engagement,against=pro-pressure", "--format", "json");
        CommandLine.Result direct = CommandLine.Run(_directory.Path, "evaluate", "--model", model.ModelPath, "--data", mapped, "--format", "json");

        Assert.Equal(0, folded.ExitCode);
        Assert.Equal(0, direct.ExitCode);
        JsonElement a = JsonDocument.Parse(folded.Output).RootElement, b = JsonDocument.Parse(direct.Output).RootElement;
        Assert.Equal(b.GetProperty("heads").GetRawText(), a.GetProperty("heads").GetRawText());
    }

    [Fact]
    public void A_label_map_that_is_not_pairs_is_a_usage_error()
    {
        string data = _directory.Write("tweets.csv", Tweets);

        CommandLine.Result result = CommandLine.Run(_directory.Path, "evaluate", "--model", model.ModelPath, "--data", data, "--label-map", "favor");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("stance: error: --label-map favor: 'favor' is not from=to", result.Error, StringComparison.Ordinal);
    }
}
