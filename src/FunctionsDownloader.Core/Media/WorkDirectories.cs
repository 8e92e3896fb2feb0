using FunctionsDownloader.Configuration;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Media;

/// <summary>Per-job working directories under one root, created empty and removed afterwards.</summary>
public sealed class WorkDirectories(IOptions<DownloaderOptions> options)
{
    /// <summary>The root every job directory lives under.</summary>
    public string Root => string.IsNullOrWhiteSpace(options.Value.WorkRoot)
        ? Path.Combine(Path.GetTempPath(), "functionsdownloader-jobs")
        : options.Value.WorkRoot;

    /// <summary>Creates an empty directory for <paramref name="requestId"/>, removing leftovers of an earlier attempt.</summary>
    public string Create(string requestId)
    {
        string path = PathFor(requestId);
        Delete(path);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The directory of <paramref name="requestId"/>.</summary>
    public string PathFor(string requestId)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        if (requestId.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
        {
            throw new ArgumentException($"'{requestId}' is not a request id.", nameof(requestId));
        }

        return Path.Combine(Root, requestId);
    }

    /// <summary>Removes a job directory and everything in it; a missing directory is fine.</summary>
    public static void Delete(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
