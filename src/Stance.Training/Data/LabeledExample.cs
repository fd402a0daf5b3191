namespace Stance.Training.Data;

/// <summary>One row of a labeled CSV file.</summary>
/// <param name="Line">1-based line of the file where the row starts.</param>
/// <param name="Id">The row's id column value, when the file has an <c>id</c> column.</param>
/// <param name="Text">The statement.</param>
/// <param name="Labels">The label of each head the dataset has, in the dataset's head order.</param>
public sealed record LabeledExample(long Line, string? Id, string Text, IReadOnlyList<string> Labels)
{
    /// <summary>The file name of the row when the dataset was read from several files; null for one file.</summary>
    public string? File { get; init; }

    /// <summary>How the row is named in messages: its id when it has one, else its line (and file, with several files).</summary>
    public string Name => Id is not null ? $"id {Id}" : File is null ? $"line {Line}" : $"{File} line {Line}";
}

/// <summary>One head of a dataset: its name, its CSV column and its labels in ordinal order.</summary>
public sealed record HeadData(string Name, string Column, IReadOnlyList<string> Labels)
{
    public int IndexOf(string label)
    {
        for (int i = 0; i < Labels.Count; i++)
        {
            if (string.Equals(Labels[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>A validated labeled dataset, ready to train or evaluate on.</summary>
/// <param name="Path">The CSV file.</param>
/// <param name="Sha256">SHA-256 of the file's bytes.</param>
/// <param name="TextColumn">The column the texts came from.</param>
/// <param name="Heads">The heads whose label columns the file has.</param>
/// <param name="Examples">The rows with a non-empty text.</param>
/// <param name="SkippedEmpty">Rows skipped because their text was empty.</param>
/// <param name="Warnings">Problems that do not stop training, such as conflicting duplicates.</param>
public sealed record LabeledDataset(
    string Path,
    string Sha256,
    string TextColumn,
    IReadOnlyList<HeadData> Heads,
    IReadOnlyList<LabeledExample> Examples,
    int SkippedEmpty,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Each file the dataset was read from (one for a single file).</summary>
    public IReadOnlyList<TrainingFileInfo> Files { get; init; } = [new(System.IO.Path.GetFileName(Path), Sha256, Examples.Count)];

    /// <summary>The label index of every example for head <paramref name="head"/>.</summary>
    public int[] LabelIndexes(int head) => Examples.Select(e => Heads[head].IndexOf(e.Labels[head])).ToArray();
}
