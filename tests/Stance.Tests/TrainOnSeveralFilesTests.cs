using System.Text.Json;
using Stance.Tests.Support;

namespace Stance.Tests;

/// <summary><c>stance train --data A --data B --label-map ...</c>: several files trained on as one, each checked, a user's label names folded into the model's.</summary>
public sealed class TrainOnSeveralFilesTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string UserFile(string name = "mine.csv", string textColumn = "text")
    {
        string[] favor = ["Talks with Pyongyang deserve another chance", "We should reopen the liaison office", "Engagement lowers the risk of war"];
        string[] against = ["Sanctions must tighten until they give up the bombs", "Keep the pressure on the regime", "No relief before dismantlement"];
        IEnumerable<string> rows = Enumerable.Range(0, 12).SelectMany(i => new[] { $"\"{favor[i % 3]} ({i})\",favor", $"\"{against[i % 3]} ({i})\",against" });
        return _directory.Write(name, $"{textColumn},stance\n" + string.Join('\n', rows) + "\n");
    }

    [Fact]
    public void Two_files_train_one_model_with_the_mapped_labels_and_both_files_recorded()
    {
        string corpus = Corpus.Sample(_directory, "corpus.csv", 10);
        string mine = UserFile();
        string output = _directory.File("both.zip");

        CommandLine.Result train = CommandLine.Run(_directory.Path, "train", "--data", corpus, "--data", mine, "--label-map", "favor=pro-engagement,against=pro-pressure", "--out", output, "--no-select", "--tier", "fast", "--folds", "3", "--quiet");
        CommandLine.Result info = CommandLine.Run(_directory.Path, "info", "--model", output, "--format", "json");
        CommandLine.Result evaluate = CommandLine.Run(_directory.Path, "evaluate", "--model", output, "--data", mine, "--stance-column", "stance");

        Assert.Equal(0, train.ExitCode);
        Assert.Contains("mine.csv has no sentiment labels", train.Error);
        using JsonDocument json = JsonDocument.Parse(info.Output);
        JsonElement head = Assert.Single(json.RootElement.GetProperty("heads").EnumerateArray());
        Assert.Equal(["pro-engagement", "pro-pressure", "skeptical"], head.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        JsonElement data = json.RootElement.GetProperty("training_data");
        Assert.Equal("corpus.csv + mine.csv", data.GetProperty("file_name").GetString());
        Assert.Equal(Corpus.Column(corpus, "text").Count + 24, data.GetProperty("row_count").GetInt32());
        Assert.Equal(["corpus.csv", "mine.csv"], data.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("file_name").GetString()));

        // Evaluating on one of the training files says so, on one line.
        Assert.Single(evaluate.Error.TrimEnd().Split('\n'), line => line.Contains("mine.csv is one of the files this model was trained on", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_file_gets_the_column_checks_and_an_error_names_it()
    {
        string corpus = Corpus.Sample(_directory, "corpus.csv", 40);
        string mine = UserFile("tweets.csv", "tweet");

        CommandLine.Result train = CommandLine.Run(_directory.Path, "train", "--data", corpus, "--data", mine, "--out", _directory.File("m.zip"), "--no-select", "--quiet");

        Assert.Equal(1, train.ExitCode);
        Assert.Contains("tweets.csv", train.Error);
        Assert.Contains("text", train.Error);
        Assert.False(File.Exists(_directory.File("m.zip")));
    }

    [Fact]
    public void Unmapped_labels_are_named_with_their_file_and_line()
    {
        string corpus = Corpus.Sample(_directory, "corpus.csv", 10);
        string mine = UserFile();

        CommandLine.Result train = CommandLine.Run(_directory.Path, "train", "--data", corpus, "--data", mine, "--labels", "stance=pro-engagement,pro-pressure,skeptical", "--out", _directory.File("m.zip"), "--no-select", "--quiet");

        Assert.Equal(1, train.ExitCode);
        Assert.Contains("mine.csv", train.Error);
        Assert.Contains("mine.csv line 2", train.Error);
    }

    [Theory]
    [InlineData("favor")]
    [InlineData("favor=,against=pro-pressure")]
    [InlineData("favor=a,favor=b")]
    public void A_malformed_label_map_is_a_usage_error(string map)
    {
        string mine = UserFile();

        CommandLine.Result train = CommandLine.Run(_directory.Path, "train", "--data", mine, "--label-map", map, "--out", _directory.File("m.zip"));

        Assert.Equal(2, train.ExitCode);
        Assert.Contains("--label-map", train.Error);
    }
}
