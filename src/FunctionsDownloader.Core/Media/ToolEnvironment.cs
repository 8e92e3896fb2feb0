using System.Collections;

namespace FunctionsDownloader.Media;

/// <summary>
/// The environment a tool runs with: only a few harmless variables of the host survive, and HOME
/// and the XDG folders point at an empty directory made for the run, so no user configuration,
/// plugin or cache that somebody planted on the machine can steer yt-dlp or ffmpeg. The tool's own
/// folder comes first on PATH, so that a bundled yt-dlp finds the deno bundled beside it.
/// </summary>
internal static class ToolEnvironment
{
    private static readonly HashSet<string> Kept = new(StringComparer.Ordinal)
    {
        "PATH", "LANG", "LC_ALL", "TZ", "TMPDIR", "SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE",
    };

    /// <summary>Variables to set (a <c>null</c> value removes one inherited from the host).</summary>
    public static IReadOnlyDictionary<string, string?> For(string home, string? toolDirectory = null)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            string name = (string)entry.Key;
            if (!Kept.Contains(name))
            {
                variables[name] = null;
            }
        }

        if (!string.IsNullOrEmpty(toolDirectory))
        {
            string path = Environment.GetEnvironmentVariable("PATH") ?? "";
            variables["PATH"] = path.Length == 0 ? toolDirectory : toolDirectory + Path.PathSeparator + path;
        }

        variables["HOME"] = home;
        variables["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        variables["XDG_CACHE_HOME"] = Path.Combine(home, ".cache");
        variables["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share");
        variables["PYTHONNOUSERSITE"] = "1";
        variables["PYTHONDONTWRITEBYTECODE"] = "1";
        variables["LC_ALL"] = "C.UTF-8";
        variables["LANG"] = "C.UTF-8";
        return variables;
    }
}
