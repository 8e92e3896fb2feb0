using System.Collections.Concurrent;

namespace FunctionsDownloader.MediaSite.Serving;

/// <summary>Which flaky sources a test has mended; every other key still breaks off.</summary>
internal sealed class FlakySources
{
    private readonly ConcurrentDictionary<string, bool> _mended = new(StringComparer.Ordinal);

    public void Mend(string key) => _mended[key] = true;

    public bool IsMended(string key) => _mended.ContainsKey(key);
}
