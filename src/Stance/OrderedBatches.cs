namespace Stance;

/// <summary>
/// Maps a stream of items in batches on the thread pool, several batches at a time, and yields the
/// results in input order. Memory stays bounded by the batches in flight, whatever the stream's length.
/// </summary>
internal static class OrderedBatches
{
    public static IEnumerable<TResult> Map<TItem, TResult>(
        IEnumerable<TItem> items,
        Func<TItem[], TResult[]> mapBatch,
        int batchSize,
        int degreeOfParallelism,
        CancellationToken cancellationToken)
    {
        int inFlight = Math.Max(2, degreeOfParallelism * 2);
        var pending = new Queue<Task<TResult[]>>(inFlight);
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

            // Waiting with GetResult rethrows the batch's own exception rather than an AggregateException.
            foreach (TResult result in pending.Dequeue().GetAwaiter().GetResult())
            {
                yield return result;
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
