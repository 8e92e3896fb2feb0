using System.Text;

namespace FunctionsDownloader.Cookies;

/// <summary>
/// A job's own copy of a cookies file (yt-dlp rewrites the file it is given), readable by this
/// user only, deleted when disposed. Knows the values to hide from the job's log.
/// </summary>
public sealed class CookiesCopy : IDisposable
{
    /// <summary>The name of the copy inside the job's directory.</summary>
    public const string FileName = "cookies.txt";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private CookiesCopy(string path, CookiesFile file)
    {
        Path = path;
        Secrets = file.Secrets;
        CookieCount = file.Cookies.Count;
        DomainCount = file.Domains.Count;
    }

    /// <summary>Where the copy is.</summary>
    public string Path { get; }

    /// <summary>The cookie values to redact, longest first.</summary>
    public IReadOnlyList<string> Secrets { get; }

    /// <summary>How many cookies the file holds.</summary>
    public int CookieCount { get; }

    /// <summary>How many domains the cookies are for.</summary>
    public int DomainCount { get; }

    /// <summary>Writes <paramref name="file"/> into <paramref name="directory"/> with mode 0600.</summary>
    public static async Task<CookiesCopy> WriteAsync(
        CookiesFile file,
        string directory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrEmpty(directory);

        string path = System.IO.Path.Combine(directory, FileName);
        File.Delete(path);

        // Created with the mode already set, so the contents are never readable by others, not even briefly.
        var fileOptions = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = OwnerOnly;
        }

        await using (var stream = new FileStream(path, fileOptions))
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(file.Text), cancellationToken);
        }

        if (!OperatingSystem.IsWindows())
        {
            // The umask can only take bits away; this makes the mode exactly 0600 whatever it is.
            File.SetUnixFileMode(path, OwnerOnly);
        }

        return new CookiesCopy(path, file);
    }

    /// <summary>Deletes the copy.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // The job's directory, which holds the copy, is removed right after as well.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
