using System.Security.Cryptography;
using System.Text;
using Stance.IO.Csv;

namespace Stance.Training.Data;

/// <summary>Where a head's labels are in the CSV file.</summary>
/// <param name="Head"><c>stance</c> or <c>sentiment</c>.</param>
/// <param name="Column">The column name.</param>
/// <param name="Explicit">Whether the user named the column; a default column that is absent just means no such head.</param>
public sealed record HeadColumn(string Head, string Column, bool Explicit)
{
    /// <summary>The <see cref="StanceException.Setting"/> of errors about a head's column: <c>StanceColumn</c> or <c>SentimentColumn</c>.</summary>
    public static string Setting(string head) => char.ToUpperInvariant(head[0]) + head[1..] + "Column";
}

/// <summary>How to read and check a labeled CSV file.</summary>
public sealed record DatasetOptions
{
    public string TextColumn { get; init; } = "text";

    public IReadOnlyList<HeadColumn> HeadColumns { get; init; } =
    [
        new("stance", "stance", false),
        new("sentiment", "sentiment", false),
    ];

    public CsvFormat Format { get; init; } = CsvFormat.Default;

    /// <summary>The key of <see cref="ExpectedLabels"/> for labels meant for whichever single head the file has.</summary>
    public const string AnyHead = "*";

    /// <summary>Labels each head may have (by head name, or <see cref="AnyHead"/>); other labels are refused.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ExpectedLabels { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Refuse rows with an empty text instead of skipping them.</summary>
    public bool Strict { get; init; }

    /// <summary>Label names folded into others before any check (<c>favor</c> to <c>pro-engagement</c>), for every head; exact, case-sensitive match of the trimmed label.</summary>
    public IReadOnlyDictionary<string, string> LabelMap { get; init; } = new Dictionary<string, string>();

    /// <summary>Fold labels to lower case and hyphens ("Pro Engagement" = "pro-engagement") instead of refusing variants.</summary>
    public bool NormalizeLabels { get; init; }

    /// <summary>Fewest examples a label may have (training needs several per cross-validation fold).</summary>
    public int MinExamplesPerLabel { get; init; } = 5;

    /// <summary>Whether the labels must be trainable: at least two, each with <see cref="MinExamplesPerLabel"/> examples. Off for evaluation.</summary>
    public bool RequireTrainableLabels { get; init; } = true;
}

/// <summary>
/// Reads a labeled CSV file into a <see cref="LabeledDataset"/> and refuses data that would train a
/// wrong model silently: misspelled labels, unexpected labels, labels with too few examples.
/// </summary>
public static class DatasetLoader
{
    private const int MaxListed = 5;

    /// <summary>Reads and checks one labeled CSV file.</summary>
    public static LabeledDataset Load(string path, DatasetOptions options) => LoadMany([path], options);

    /// <summary>
    /// Reads several labeled CSV files as one dataset (the shipped corpus plus a user's own rows): each
    /// file gets the same column checks (text column, label columns, the same heads as the first file,
    /// no empty labels), <see cref="DatasetOptions.LabelMap"/> folds each file's label names into the
    /// model's, and the label checks (variants, expected labels, examples per label) run on all rows together.
    /// </summary>
    public static LabeledDataset LoadMany(IReadOnlyList<string> paths, DatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw new StanceException("no training data file given") { Setting = "DataPath" };
        }

        if (options.HeadColumns.FirstOrDefault(h => h.Head is not (HeadNames.Stance or HeadNames.Sentiment)) is not null
            || options.HeadColumns.Select(h => h.Head).Distinct().Count() != options.HeadColumns.Count)
        {
            throw new StanceException($"a model has a stance head and a sentiment head, each at most once; the head columns name [{string.Join(", ", options.HeadColumns.Select(h => h.Head))}]") { Setting = nameof(DatasetOptions.HeadColumns) };
        }

        bool several = paths.Count > 1;
        var parts = new List<(string Path, List<HeadColumn> Heads, List<LabeledExample> Rows)>();
        var files = new List<TrainingFileInfo>();
        int skipped = 0;
        foreach (string path in paths)
        {
            (List<HeadColumn> fileHeads, List<LabeledExample> rows, int fileSkipped) = ReadFile(path, options, several);
            parts.Add((path, fileHeads, rows));
            skipped += fileSkipped;
            files.Add(new TrainingFileInfo(System.IO.Path.GetFileName(path), Sha256(path), rows.Count));
        }

        // Heads every file labels; a head some file lacks is not trained (and said so).
        List<HeadColumn> heads = parts[0].Heads.Where(h => parts.All(p => p.Heads.Any(o => o.Head == h.Head))).ToList();
        if (heads.Count == 0)
        {
            throw new CsvInputException(parts.FirstOrDefault(p => !p.Heads.Any(h => parts[0].Heads.Any(o => o.Head == h.Head))).Path ?? paths[^1], 1, null, $"no label column in common with {System.IO.Path.GetFileName(paths[0])} ({Describe(parts[0].Heads)}); files trained on together need a head in common") { Setting = nameof(DatasetOptions.HeadColumns) };
        }

        var notes = new List<string>();
        var examples = new List<LabeledExample>();
        foreach ((string path, List<HeadColumn> fileHeads, List<LabeledExample> rows) in parts)
        {
            foreach (HeadColumn missing in parts.SelectMany(p => p.Heads).Where(h => fileHeads.All(f => f.Head != h.Head)).DistinctBy(h => h.Head))
            {
                notes.Add($"{System.IO.Path.GetFileName(path)} has no {missing.Head} labels, so the model has no {missing.Head} head");
            }

            int[] keep = heads.Select(h => fileHeads.FindIndex(f => f.Head == h.Head)).ToArray();
            examples.AddRange(keep.SequenceEqual(Enumerable.Range(0, fileHeads.Count)) ? rows : rows.Select(r => r with { Labels = keep.Select(k => r.Labels[k]).ToArray() }));
        }

        if (options.ExpectedLabels.ContainsKey(DatasetOptions.AnyHead) && heads.Count > 1)
        {
            throw new StanceException($"{paths[0]} has both a stance and a sentiment column, and the expected labels ({string.Join(",", options.ExpectedLabels[DatasetOptions.AnyHead])}) do not say which head they are for") { Setting = nameof(DatasetOptions.ExpectedLabels) };
        }

        var headData = new List<HeadData>();
        for (int h = 0; h < heads.Count; h++)
        {
            HeadColumn column = heads[h];
            CheckLabels(paths, column, examples, h, options);
            string[] labels = examples.Select(e => e.Labels[h]).Distinct().Order(StringComparer.Ordinal).ToArray();
            headData.Add(new HeadData(column.Head, column.Column, labels));
        }

        string sha = several ? Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(string.Join("\n", files.Select(f => f.Sha256))))) : files[0].Sha256;
        return new LabeledDataset(paths[0], sha, options.TextColumn, headData, examples, skipped, [.. notes, .. ConflictWarnings(examples, headData)]) { Files = files };
    }

    private static string Describe(List<HeadColumn> heads) => string.Join(" and ", heads.Select(h => h.Head));

    private static (List<HeadColumn> Heads, List<LabeledExample> Examples, int Skipped) ReadFile(string path, DatasetOptions options, bool several)
    {
        using CsvTableReader reader = CsvTableReader.Open(path, options.Format);
        int textIndex = reader.RequireColumn(options.TextColumn, nameof(DatasetOptions.TextColumn));
        int? idIndex = options.TextColumn == "id" ? null : reader.FindColumn("id");
        string? file = several ? System.IO.Path.GetFileName(path) : null;

        var heads = new List<(HeadColumn Column, int Index)>();
        foreach (HeadColumn head in options.HeadColumns.OrderBy(h => h.Head == HeadNames.Stance ? 0 : 1))
        {
            int? index = reader.FindColumn(head.Column);
            if (index is null)
            {
                if (head.Explicit)
                {
                    reader.RequireColumn(head.Column, HeadColumn.Setting(head.Head));
                }

                continue;
            }

            heads.Add((head, index.Value));
        }

        if (heads.Count == 0)
        {
            string wanted = string.Join(" or ", options.HeadColumns.Select(h => $"'{h.Column}'"));
            throw new CsvInputException(path, 1, null, $"no label column: expected {wanted}; the columns are: {string.Join(", ", reader.Columns)}") { Setting = nameof(DatasetOptions.HeadColumns) };
        }

        var examples = new List<LabeledExample>();
        int skipped = 0;
        while (reader.Read())
        {
            string text = reader.GetString(textIndex);
            if (string.IsNullOrWhiteSpace(text))
            {
                if (options.Strict)
                {
                    throw new CsvInputException(path, reader.Line, options.TextColumn, "empty text") { Setting = nameof(DatasetOptions.Strict) };
                }

                skipped++;
                continue;
            }

            var labels = new string[heads.Count];
            for (int h = 0; h < heads.Count; h++)
            {
                string label = reader.GetString(heads[h].Index).Trim();
                if (label.Length == 0)
                {
                    throw new CsvInputException(path, reader.Line, heads[h].Column.Column, "empty label; every row needs a label in each label column");
                }

                if (options.LabelMap.TryGetValue(label, out string? mapped))
                {
                    label = mapped;
                }

                labels[h] = options.NormalizeLabels ? Normalize(label) : label;
            }

            examples.Add(new LabeledExample(reader.Line, idIndex is null ? null : reader.GetString(idIndex.Value), text, labels) { File = file });
        }

        if (examples.Count == 0)
        {
            throw new CsvInputException(path, 0, null, skipped > 0 ? $"all {skipped} rows have an empty text" : "the file has a header but no data rows");
        }

        return (heads.Select(h => h.Column).ToList(), examples, skipped);
    }

    /// <summary>The most different labels a label column may have (documented limit; a model head has at most as many).</summary>
    public const int MaxLabels = 1000;

    /// <summary>Lower case, with runs of spaces, underscores and hyphens made one hyphen.</summary>
    public static string Normalize(string label)
    {
        var builder = new StringBuilder(label.Length);
        bool separator = false;
        foreach (char c in label.Trim())
        {
            if (c is ' ' or '_' or '-' || char.IsWhiteSpace(c))
            {
                separator = builder.Length > 0;
                continue;
            }

            if (separator)
            {
                builder.Append('-');
                separator = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static void CheckLabels(IReadOnlyList<string> paths, HeadColumn column, List<LabeledExample> examples, int head, DatasetOptions options)
    {
        var rows = new Dictionary<string, List<LabeledExample>>(StringComparer.Ordinal);
        foreach (LabeledExample example in examples)
        {
            string label = example.Labels[head];
            if (!rows.TryGetValue(label, out List<LabeledExample>? lines))
            {
                rows[label] = lines = [];
            }

            lines.Add(example);
        }

        // Errors name the file of the first row concerned (rows carry their file name when there are several).
        string PathOf(LabeledExample first) => paths.FirstOrDefault(p => System.IO.Path.GetFileName(p) == first.File) ?? paths[0];

        if (options.ExpectedLabels.TryGetValue(column.Head, out IReadOnlyList<string>? expected) || options.ExpectedLabels.TryGetValue(DatasetOptions.AnyHead, out expected))
        {
            foreach ((string label, List<LabeledExample> lines) in rows)
            {
                if (!expected.Contains(label, StringComparer.Ordinal))
                {
                    throw new CsvInputException(PathOf(lines[0]), lines[0].Line, column.Column, $"label '{label}' is not one of the expected labels ({string.Join(", ", expected)}); it is on {Lines(lines)}");
                }
            }
        }

        if (rows.Count > MaxLabels)
        {
            throw new CsvInputException(paths[0], 1, column.Column, $"the column has {rows.Count:N0} different labels (a label column has at most {MaxLabels:N0}); is it a text column?") { Setting = HeadColumn.Setting(column.Head) };
        }

        string[] labels = rows.Keys.Order(StringComparer.Ordinal).ToArray();

        // Variants that differ only in case or separators: name the rarest beside the most common.
        foreach (IGrouping<string, string> variants in labels.GroupBy(Key).Where(g => g.Count() > 1))
        {
            string[] byCount = variants.OrderByDescending(l => rows[l].Count).ThenBy(l => l, StringComparer.Ordinal).ToArray();
            throw Variant(PathOf(rows[byCount[^1]][0]), column, rows, byCount[^1], byCount[0], "differ only in case, spaces or separators", string.Empty, nameof(DatasetOptions.NormalizeLabels));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            for (int j = i + 1; j < labels.Length; j++)
            {
                string keyA = Key(labels[i]);
                string keyB = Key(labels[j]);
                if (Math.Min(keyA.Length, keyB.Length) >= 5 && Math.Abs(keyA.Length - keyB.Length) <= 2 && EditDistance(keyA, keyB) <= 2)
                {
                    (string rare, string common) = rows[labels[i]].Count <= rows[labels[j]].Count ? (labels[i], labels[j]) : (labels[j], labels[i]);
                    throw Variant(PathOf(rows[rare][0]), column, rows, rare, common, "differ by one or two letters", "; fix the misspelled label");
                }
            }
        }

        if (!options.RequireTrainableLabels)
        {
            return;
        }

        foreach (string label in labels)
        {
            List<LabeledExample> lines = rows[label];
            if (lines.Count < options.MinExamplesPerLabel)
            {
                throw new CsvInputException(PathOf(lines[0]), lines[0].Line, column.Column, $"label '{label}' has only {lines.Count} example(s) ({Lines(lines)}); each label needs at least {options.MinExamplesPerLabel} to train and cross-validate");
            }
        }

        if (labels.Length < 2)
        {
            throw new CsvInputException(paths[0], 0, column.Column, $"every row has the label '{labels[0]}'; a classifier needs at least two labels");
        }
    }

    private static CsvInputException Variant(string path, HeadColumn column, Dictionary<string, List<LabeledExample>> rows, string rare, string common, string how, string fix, string? setting = null) =>
        new(path, rows[rare][0].Line, column.Column, $"labels '{rare}' ({Lines(rows[rare])}) and '{common}' ({Rows(rows[common].Count)}) {how}: they look like the same label written two ways{fix}") { Setting = setting };

    private static string Rows(int count) => count == 1 ? "1 row" : $"{count} rows";

    private static IReadOnlyList<string> ConflictWarnings(List<LabeledExample> examples, List<HeadData> heads)
    {
        var warnings = new List<string>();
        foreach (IGrouping<string, LabeledExample> group in examples.GroupBy(e => string.Join(' ', e.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant()))
        {
            if (group.Count() < 2)
            {
                continue;
            }

            for (int h = 0; h < heads.Count; h++)
            {
                string[] distinct = group.Select(e => e.Labels[h]).Distinct().ToArray();
                if (distinct.Length > 1)
                {
                    string rows = string.Join(", ", group.Select(e => $"{e.Name} ({e.Labels[h]})"));
                    warnings.Add($"the same text has different {heads[h].Name} labels: {rows}");
                }
            }
        }

        return warnings;
    }

    private static string Lines(List<LabeledExample> lines) =>
        lines[0].File is null
            ? (lines.Count == 1 ? "line " : "lines ") + string.Join(", ", lines.Take(MaxListed).Select(e => e.Line)) + (lines.Count > MaxListed ? $" and {lines.Count - MaxListed} more" : string.Empty)
            : string.Join(", ", lines.Take(MaxListed).Select(e => $"{e.File} line {e.Line}")) + (lines.Count > MaxListed ? $" and {lines.Count - MaxListed} more" : string.Empty);

    private static string Key(string label) => new(label.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static string Sha256(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
