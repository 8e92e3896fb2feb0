using System.Text;
using System.Text.RegularExpressions;

namespace FunctionsDownloader.Jobs;

/// <summary>
/// Makes a line safe to persist and show: URLs lose their query string and fragment (they often
/// carry tokens), control characters go, and the line is bounded in length.
/// </summary>
public static partial class LogSanitizer
{
    private const int MaxLength = 2000;

    /// <summary>The cleaned line.</summary>
    public static string Clean(string line)
    {
        ArgumentNullException.ThrowIfNull(line);

        string withoutQueries = UrlWithQuery().Replace(line, m => m.Groups["base"].Value);
        var builder = new StringBuilder(Math.Min(withoutQueries.Length, MaxLength));
        foreach (char c in withoutQueries)
        {
            if (builder.Length >= MaxLength)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary>A URL without its query string and fragment, for logs.</summary>
    public static string StripQuery(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.GetLeftPart(UriPartial.Path);
    }

    [GeneratedRegex(@"(?<base>[a-zA-Z][a-zA-Z0-9+.-]*://[^\s?#""'<>]*)[?#][^\s""'<>]*")]
    private static partial Regex UrlWithQuery();
}
