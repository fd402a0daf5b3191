using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;

namespace Stance.Server;

/// <summary>
/// One loaded model as the server serves it: the classifier, its generation (1 for the model loaded
/// at start, +1 per reload), and the limiter that bounds the texts classified with it at once.
/// Requests hold a lease on it; a model replaced by a reload is disposed when its last lease ends,
/// so requests in flight finish on the model they started with.
/// </summary>
public sealed class ServedModel
{
    // The host's own lease plus one per request in flight; disposed at zero.
    private int _leases = 1;

    internal ServedModel(StanceClassifier classifier, int generation, string sha256, ServerOptions options)
    {
        Classifier = classifier;
        Generation = generation;
        Sha256 = sha256;
        LoadedUtc = DateTimeOffset.UtcNow;
        InFlightLimit = options.TextsInFlight(classifier.Metadata.Features.Tier);
        QueueLimit = options.TextsQueued(classifier.Metadata.Features.Tier);
        QueueTimeout = options.QueueWait(classifier.Metadata.Features.Tier);
        Limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = InFlightLimit,
            QueueLimit = QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public StanceClassifier Classifier { get; }

    public int Generation { get; }

    /// <summary>The SHA-256 of the model file as loaded (lower-case hex).</summary>
    public string Sha256 { get; }

    public DateTimeOffset LoadedUtc { get; }

    /// <summary>Texts classified at once with this model, at most.</summary>
    public int InFlightLimit { get; }

    /// <summary>Texts waiting for a permit, at most.</summary>
    public int QueueLimit { get; }

    /// <summary>How long a request may wait for permits.</summary>
    public TimeSpan QueueTimeout { get; }

    /// <summary>The concurrency limit and bounded queue, counted in texts.</summary>
    public ConcurrencyLimiter Limiter { get; }

    /// <summary>Whether the model has been disposed (its last lease ended after it was replaced).</summary>
    public bool IsDisposed => Volatile.Read(ref _leases) == 0;

    internal bool TryAcquire()
    {
        int leases = Volatile.Read(ref _leases);
        while (leases > 0)
        {
            int seen = Interlocked.CompareExchange(ref _leases, leases + 1, leases);
            if (seen == leases)
            {
                return true;
            }

            leases = seen;
        }

        return false;
    }

    internal void Release()
    {
        if (Interlocked.Decrement(ref _leases) == 0)
        {
            Classifier.Dispose();
            Limiter.Dispose();
        }
    }
}

/// <summary>A request's hold on a served model; dispose it when the request is done.</summary>
public readonly struct ModelLease : IDisposable
{
    internal ModelLease(ServedModel model) => Model = model;

    public ServedModel Model { get; }

    public StanceClassifier Classifier => Model.Classifier;

    public void Dispose() => Model?.Release();
}

/// <summary>
/// Loads the model once, serves it to any number of requests at once, and switches to a new one
/// when the file is replaced (as <c>stance train</c> writes it: atomically). A file that fails to
/// load is refused and the current model keeps serving; the log says so.
/// </summary>
public sealed class ModelHost : IDisposable
{
    private readonly ServerOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _reloading = new();
    private readonly FileSystemWatcher? _watcher;
    private readonly Timer? _debounce;
    private ServedModel _current;
    private int _failedReloads;
    private bool _disposed;

    /// <summary>Loads <see cref="ServerOptions.ModelPath"/>; throws <see cref="ModelLoadException"/> when it cannot be loaded.</summary>
    public ModelHost(ServerOptions options, ILogger<ModelHost> logger)
    {
        _options = options;
        _logger = logger;
        Path = System.IO.Path.GetFullPath(options.ModelPath);
        _current = Load(1);
        _logger.LogInformation("model {Model} loaded: {Tier} tier, {Engine} scoring, sha256 {Sha256}", Path, _current.Classifier.Metadata.Tier, _current.Classifier.EngineName, _current.Sha256);
        if (options.WatchModel)
        {
            _debounce = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
            _watcher = new FileSystemWatcher(System.IO.Path.GetDirectoryName(Path)!, System.IO.Path.GetFileName(Path))
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += OnChanged;
            _watcher.Created += OnChanged;
            _watcher.Renamed += OnChanged;
            _watcher.EnableRaisingEvents = true;
        }
    }

    /// <summary>The full path of the model file.</summary>
    public string Path { get; }

    /// <summary>The model serving new requests.</summary>
    public ServedModel Current => Volatile.Read(ref _current);

    /// <summary>Replacement files refused so far (damaged, or not a Stance model).</summary>
    public int FailedReloads => Volatile.Read(ref _failedReloads);

    /// <summary>A lease on the current model: the request classifies with it to the end, even if a reload switches models meanwhile.</summary>
    public ModelLease Acquire()
    {
        while (true)
        {
            ServedModel model = Current;
            if (model.TryAcquire())
            {
                return new ModelLease(model);
            }
        }
    }

    /// <summary>
    /// Loads the file again and switches to it when it differs from the model being served.
    /// Returns whether it switched. A file that fails to load is logged and refused.
    /// </summary>
    public bool Reload()
    {
        lock (_reloading)
        {
            if (_disposed)
            {
                return false;
            }

            ServedModel current = Current;
            ServedModel next;
            try
            {
                if (Hash(Path) == current.Sha256)
                {
                    return false;
                }

                next = Load(current.Generation + 1);
            }
            catch (Exception e) when (e is StanceException or IOException or UnauthorizedAccessException)
            {
                Interlocked.Increment(ref _failedReloads);
                _logger.LogError("model {Model} changed but was refused, still serving generation {Generation} (sha256 {Sha256}): {Reason}", Path, current.Generation, current.Sha256, e.Message.ReplaceLineEndings(" "));
                return false;
            }

            Volatile.Write(ref _current, next);
            current.Release();
            _logger.LogInformation("model {Model} reloaded: generation {Generation}, {Tier} tier, {Engine} scoring, sha256 {Sha256}; requests in flight finish on generation {Previous}", Path, next.Generation, next.Classifier.Metadata.Tier, next.Classifier.EngineName, next.Sha256, current.Generation);
            return true;
        }
    }

    public void Dispose()
    {
        lock (_reloading)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _watcher?.Dispose();
            _debounce?.Dispose();
            Current.Release();
        }
    }

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        if (string.Equals(e.FullPath, Path, StringComparison.Ordinal))
        {
            try
            {
                _debounce?.Change(_options.ReloadDelay, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Shutting down.
            }
        }
    }

    private ServedModel Load(int generation)
    {
        // Hash and load the same bytes, so that the hash names the model that serves.
        byte[] bytes = File.ReadAllBytes(Path);
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        using var stream = new MemoryStream(bytes, writable: false);
        StanceClassifier classifier;
        try
        {
            classifier = StanceClassifier.Load(stream);
        }
        catch (ModelLoadException e)
        {
            // Name the file, not the stream it was read through.
            throw new ModelLoadException(Path, e.Message.StartsWith(e.ModelPath + ": ", StringComparison.Ordinal) ? e.Message[(e.ModelPath.Length + 2)..] : e.Message, e);
        }

        return new ServedModel(classifier, generation, sha256, _options);
    }

    private static string Hash(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
