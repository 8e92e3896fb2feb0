using System.Collections.Concurrent;

namespace FunctionsDownloader.Tests.Infrastructure;

/// <summary>
/// Records every file and directory that appears under a folder while it runs, two ways: inotify
/// events (which see short-lived files) and a scan every 50 ms (which catches what a watch added
/// late for a new sub-directory misses).
/// </summary>
public sealed class DirectoryWatch : IDisposable
{
    private readonly string _root;
    private readonly FileSystemWatcher _watcher;
    private readonly ConcurrentDictionary<string, bool> _seen = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _scanning;

    /// <summary>Starts watching <paramref name="root"/> (created if missing).</summary>
    public DirectoryWatch(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
        _watcher = new FileSystemWatcher(_root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.Size |
                NotifyFilters.LastWrite,
        };
        _watcher.Created += (_, e) => Note(e.FullPath);
        _watcher.Changed += (_, e) => Note(e.FullPath);
        _watcher.Renamed += (_, e) => Note(e.FullPath);
        _watcher.EnableRaisingEvents = true;
        _scanning = Task.Run(ScanAsync);
    }

    /// <summary>Paths of files seen inside <c>{root}/{name}/</c>, relative to it.</summary>
    public IReadOnlyList<string> FilesIn(string name) =>
    [
        .. _seen.Where(kv => kv.Value)
            .Select(kv => kv.Key)
            .Where(p => p.StartsWith(Path.Combine(_root, name) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(Path.Combine(_root, name), p))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>Whether the directory <c>{root}/{name}</c> was seen at all.</summary>
    public bool SawDirectory(string name) => _seen.TryGetValue(Path.Combine(_root, name), out bool isFile) && !isFile;

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _scanning.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _watcher.Dispose();
        _stop.Dispose();
    }

    private void Note(string path)
    {
        // The kind is read at once: a short-lived file may be gone a moment later, and a path that
        // is no longer there was a file (job directories outlive what is written into them).
        _seen.AddOrUpdate(path, !Directory.Exists(path), (_, wasFile) => wasFile && !Directory.Exists(path));
    }

    private async Task ScanAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                foreach (string entry in Directory.EnumerateFileSystemEntries(_root, "*", SearchOption.AllDirectories))
                {
                    Note(entry);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Something vanished mid-scan; the next scan goes on.
            }

            await Task.Delay(50, _stop.Token);
        }
    }
}
