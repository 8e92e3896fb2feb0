namespace FunctionsDownloader.MediaSite.Tests;

/// <summary>A fresh directory under the temp path, deleted with its contents on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(
            System.IO.Path.GetTempPath(),
            "functionsdownloader-mediasite-tests",
            Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The files yt-dlp finished (not its .part or .ytdl leftovers).</summary>
    public IReadOnlyList<string> CompletedFiles() =>
    [
        .. Directory.GetFiles(Path).Where(file =>
            !file.EndsWith(".part", StringComparison.Ordinal)
            && !file.EndsWith(".ytdl", StringComparison.Ordinal)),
    ];

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
