using System.Collections.Concurrent;

namespace FunctionsDownloader.MediaSite.Serving;

/// <summary>
/// Keeps the path and query of every request the site got, and how many requests of each <c>tag</c> query
/// value are open at once under the slow prefix, so that tests can see what a client fetched and how many
/// downloads of theirs overlapped.
/// </summary>
internal sealed class RequestRecorder
{
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Open, int Peak)> _tags = new(StringComparer.Ordinal);

    /// <summary>Records one request (path and query, no leading slash).</summary>
    public void Add(HttpRequest request) =>
        _requests.Enqueue(request.PathBase.Add(request.Path).ToUriComponent().TrimStart('/') + request.QueryString.ToUriComponent());

    /// <summary>The requests whose path starts with <paramref name="prefix"/>, oldest first.</summary>
    public IReadOnlyList<string> StartingWith(string prefix) =>
        [.. _requests.Where(r => r.StartsWith(prefix, StringComparison.Ordinal))];

    /// <summary>Counts an open request of <paramref name="tag"/> until the returned object is disposed.</summary>
    public IDisposable Open(string tag)
    {
        lock (_gate)
        {
            (int open, int peak) = _tags.GetValueOrDefault(tag);
            _tags[tag] = (open + 1, Math.Max(peak, open + 1));
        }

        return new Closer(this, tag);
    }

    /// <summary>How many requests of <paramref name="tag"/> are open now, and the most ever open at once.</summary>
    public (int Open, int Peak) Concurrency(string tag)
    {
        lock (_gate)
        {
            return _tags.GetValueOrDefault(tag);
        }
    }

    private void Close(string tag)
    {
        lock (_gate)
        {
            (int open, int peak) = _tags[tag];
            _tags[tag] = (open - 1, peak);
        }
    }

    private sealed class Closer(RequestRecorder recorder, string tag) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                recorder.Close(tag);
            }
        }
    }
}
