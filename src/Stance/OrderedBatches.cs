namespace Stance;

/// <summary>
/// Maps a stream of items in batches on the thread pool, several batches at a time, and yields the
/// results in input order. Memory stays bounded by the batches in flight, whatever the stream's length.
/// </summary>
internal static class OrderedBatches
{
    /// <summary>One result per item, in input order.</summary>
    public static IEnumerable<TResult> Map<TItem, TResult>(
        IEnumerable<TItem> items,
        Func<TItem[], TResult[]> mapBatch,
        int batchSize,
        int degreeOfParallelism,
        CancellationToken cancellationToken) =>
        MapBatches(items, mapBatch, batchSize, degreeOfParallelism, cancellationToken).SelectMany(results => results);

    /// <summary>One result per batch of up to <paramref name="batchSize"/> items, in input order.</summary>
    public static IEnumerable<TResult> MapBatches<TItem, TResult>(
        IEnumerable<TItem> items,
        Func<TItem[], TResult> mapBatch,
        int batchSize,
        int degreeOfParallelism,
        CancellationToken cancellationToken)
    {
        // Twice the workers keeps them busy while results are consumed; one worker means one at a time.
        int inFlight = degreeOfParallelism <= 1 ? 1 : degreeOfParallelism * 2;
        var pending = new Queue<Task<TResult>>(inFlight);
        using IEnumerator<TItem> source = items.GetEnumerator();
        bool more = true;
        while (more || pending.Count > 0)
        {
            while (more && pending.Count < inFlight)
            {
                var batch = new List<TItem>(batchSize);
                while (batch.Count < batchSize && (more = source.MoveNext()))
                {
                    batch.Add(source.Current);
                }

                if (batch.Count > 0)
                {
                    TItem[] array = [.. batch];
                    pending.Enqueue(Task.Run(() => mapBatch(array), cancellationToken));
                }
            }

            if (pending.Count == 0)
            {
                yield break;
            }

            // GetResult rethrows the batch's own exception rather than an AggregateException.
            yield return pending.Dequeue().GetAwaiter().GetResult();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
