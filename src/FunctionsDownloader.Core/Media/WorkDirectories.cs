using FunctionsDownloader.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Media;

/// <summary>
/// Per-job working directories under one root, created empty and private to this user (they may
/// hold a job's copy of a cookies file) and removed afterwards.
/// </summary>
public sealed class WorkDirectories(IOptions<DownloaderOptions> options)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The root every job directory lives under.</summary>
    public string Root => string.IsNullOrWhiteSpace(options.Value.WorkRoot)
        ? Path.Combine(Path.GetTempPath(), "functionsdownloader-jobs")
        : options.Value.WorkRoot;

    /// <summary>Creates an empty directory for <paramref name="requestId"/>, removing leftovers of an earlier attempt.</summary>
    public string Create(string requestId)
    {
        string path = PathFor(requestId);
        Delete(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnly);
        }

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

    /// <summary>Removes a job directory, logging a warning instead of failing when the file system refuses.</summary>
    public static void DeleteQuietly(string path, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        try
        {
            Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not remove the job directory {Directory}", path);
        }
    }
}
