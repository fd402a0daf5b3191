namespace Stance.Extraction;

/// <summary>The steps of an extraction, in order, for progress.</summary>
internal enum Phase
{
    Split,
    Tokenize,
    Collect,
    Analyze,
    Assemble,
    Build,
}

/// <summary>
/// Turns "this step has reached this offset" into the fraction of the whole extraction done, each
/// step weighted by its share of the time (measured on large articles), reported rising and at most
/// about two hundred times a run.
/// </summary>
internal sealed class ProgressReporter(IProgress<double>? progress, int length)
{
    /// <summary>The fraction of the time each <see cref="Phase"/> takes.</summary>
    private static readonly double[] Weights = [0.04, 0.16, 0.17, 0.26, 0.15, 0.22];

    private const double Step = 0.005;

    private double _reported;

    public void Report(Phase phase, int offset)
    {
        if (progress is null)
        {
            return;
        }

        double done = 0;
        for (int p = 0; p < (int)phase; p++)
        {
            done += Weights[p];
        }

        double fraction = done + (Weights[(int)phase] * (length == 0 ? 1 : Math.Clamp((double)offset / length, 0, 1)));
        if (fraction >= _reported + Step && fraction < 1)
        {
            _reported = fraction;
            progress.Report(fraction);
        }
    }

    public void Complete()
    {
        _reported = 1;
        progress?.Report(1);
    }
}

/// <summary>A read-only view of <paramref name="count"/> items of a list from <paramref name="start"/>, without copying them.</summary>
internal sealed class ListSlice<T>(IReadOnlyList<T> list, int start, int count) : IReadOnlyList<T>
{
    public T this[int index] => (uint)index < (uint)count ? list[start + index] : throw new ArgumentOutOfRangeException(nameof(index));

    public int Count => count;

    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < count; i++)
        {
            yield return list[start + i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// Counts the steps of extraction on this thread: tokens made and read, people, speakers and spans
/// looked at in the lookups across the article. Tests read it to check that the work grows linearly
/// with the article (a count, not a clock, so that it cannot flake on a busy machine).
/// </summary>
internal static class WorkMeter
{
    [ThreadStatic]
    private static long t_steps;

    /// <summary>The steps counted on this thread so far.</summary>
    public static long Steps => t_steps;

    public static void Count(int steps = 1) => t_steps += steps;
}
