namespace Stance.Extraction;

/// <summary>
/// The characters already given to a statement, as disjoint spans sorted by start, so that "does this
/// piece overlap one taken before?" is a binary search. Statements are assembled in article order, so
/// adding a span is almost always appending to the end or widening the last span.
/// </summary>
internal sealed class IntervalSet
{
    private readonly List<TextSpan> _spans = [];

    /// <summary>Whether <paramref name="span"/> shares a character with a span added before.</summary>
    public bool Overlaps(TextSpan span)
    {
        WorkMeter.Count();
        // The spans are disjoint and sorted, so the last one starting before the span's end reaches furthest.
        int index = FirstStartingAtOrAfter(span.End) - 1;
        return index >= 0 && _spans[index].End > span.Start;
    }

    public void Add(TextSpan span)
    {
        if (span.Length <= 0)
        {
            return;
        }

        if (_spans.Count == 0 || _spans[^1].End <= span.Start)
        {
            _spans.Add(span);
            return;
        }

        // Merge with every span it overlaps (spans that only touch stay apart, as they do not overlap).
        int first = FirstStartingAtOrAfter(span.Start);
        if (first > 0 && _spans[first - 1].End > span.Start)
        {
            first--;
        }

        int last = first;
        int start = span.Start;
        int end = span.End;
        while (last < _spans.Count && _spans[last].Start < end)
        {
            WorkMeter.Count();
            start = Math.Min(start, _spans[last].Start);
            end = Math.Max(end, _spans[last].End);
            last++;
        }

        if (last - first == 1)
        {
            _spans[first] = new TextSpan(start, end);
            return;
        }

        if (last > first)
        {
            _spans.RemoveRange(first, last - first);
        }

        WorkMeter.Count(_spans.Count - first); // the spans moved up
        _spans.Insert(first, new TextSpan(start, end));
    }

    private int FirstStartingAtOrAfter(int offset)
    {
        int low = 0;
        int high = _spans.Count;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (_spans[middle].Start < offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
