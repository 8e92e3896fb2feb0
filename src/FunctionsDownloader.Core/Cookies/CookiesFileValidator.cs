using System.Globalization;
using System.Text;
using FunctionsDownloader.Errors;

namespace FunctionsDownloader.Cookies;

/// <summary>
/// Checks a Netscape cookies.txt file line by line, as strictly as yt-dlp's loader needs: anything
/// it would skip with a warning (which prints the whole line, value included) or choke on is a 400
/// naming the <c>file</c> field and the line. Messages never quote the file, so no value leaks.
/// </summary>
/// <remarks>
/// The format: optional <c># Netscape HTTP Cookie File</c> header, <c>#</c> comments and blank lines,
/// and cookie lines of exactly seven TAB-separated fields (domain, include-subdomains, path,
/// secure, expiry, name, value), optionally prefixed with <c>#HttpOnly_</c>. See
/// https://curl.se/docs/http-cookies.html and yt-dlp's <c>YoutubeDLCookieJar.load</c>.
/// </remarks>
public static class CookiesFileValidator
{
    /// <summary>The request field every complaint names.</summary>
    public const string Field = "file";

    /// <summary>The header yt-dlp (through Python's <c>MozillaCookieJar</c>) requires on the first line.</summary>
    public const string Header = "# Netscape HTTP Cookie File";

    private const string ShortHeader = "# HTTP Cookie File";
    private const string HttpOnlyPrefix = "#HttpOnly_";
    private const int FieldCount = 7;
    private const string Fields =
        "domain, include-subdomains (TRUE or FALSE), path, secure (TRUE or FALSE), " +
        "expiry (Unix seconds), name and value";
    private const string HowToExport =
        "Export the cookies in the Netscape cookies.txt format (for example with a \"cookies.txt\" browser extension).";

    private static readonly UTF8Encoding StrictUtf8 =
        new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Validates <paramref name="content"/> and returns its cookies and normalized text.</summary>
    /// <exception cref="PayloadTooLargeException">The file is larger than <paramref name="maxBytes"/>.</exception>
    /// <exception cref="InvalidRequestException">
    /// The file is not a Netscape cookies file with at least one cookie.
    /// </exception>
    public static CookiesFile Parse(ReadOnlySpan<byte> content, long maxBytes)
    {
        if (content.Length > maxBytes)
        {
            throw new PayloadTooLargeException(maxBytes);
        }

        if (content.StartsWith(Encoding.UTF8.Preamble))
        {
            content = content[Encoding.UTF8.Preamble.Length..];
        }

        var cookies = new List<NetscapeCookie>();
        var text = new StringBuilder(content.Length + Header.Length + 1);
        int lineNumber = 0;
        while (!content.IsEmpty)
        {
            lineNumber++;
            int end = content.IndexOf((byte)'\n');
            string line = Decode(end < 0 ? content : content[..end], lineNumber);
            content = end < 0 ? [] : content[(end + 1)..];

            if (lineNumber == 1 && !IsHeader(line))
            {
                text.Append(Header).Append('\n');
            }

            text.Append(line).Append('\n');
            if (ParseLine(line, lineNumber) is { } cookie)
            {
                cookies.Add(cookie);
            }
        }

        return cookies.Count > 0
            ? new CookiesFile(cookies, text.ToString())
            : throw new InvalidRequestException(
                Field, $"The file holds no cookies, only comments or blank lines. {HowToExport}");
    }

    private static string Decode(ReadOnlySpan<byte> bytes, int lineNumber)
    {
        string line;
        try
        {
            line = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Bad(lineNumber, "is not UTF-8 text; the upload looks like a binary file. " + HowToExport);
        }

        line = line.EndsWith('\r') ? line[..^1] : line;
        return line.Any(c => char.IsControl(c) && c != '\t')
            ? throw Bad(lineNumber, "contains a control character; a cookies file is plain text. " + HowToExport)
            : line;
    }

    private static NetscapeCookie? ParseLine(string line, int lineNumber)
    {
        bool httpOnly = line.StartsWith(HttpOnlyPrefix, StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(line) || (!httpOnly && line.StartsWith('#')))
        {
            return null;
        }

        string entry = httpOnly ? line[HttpOnlyPrefix.Length..] : line;
        RejectForeignFormats(entry, lineNumber);

        string[] fields = entry.Split('\t');
        if (fields.Length != FieldCount)
        {
            throw Bad(
                lineNumber,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"has {fields.Length} TAB-separated fields; a cookie line has {FieldCount}: {Fields}."));
        }

        string domain = fields[0];
        if (!IsDomain(domain))
        {
            throw Bad(
                lineNumber,
                "has no valid domain in field 1 (a host name or IP address, optionally with a leading dot).");
        }

        bool includeSubdomains = Flag(fields[1], lineNumber, 2, "include-subdomains");
        if (includeSubdomains != domain.StartsWith('.'))
        {
            throw Bad(
                lineNumber,
                "has an include-subdomains flag (field 2) that disagrees with the domain: " +
                "TRUE goes with a leading dot, FALSE without.");
        }

        if (!fields[2].StartsWith('/'))
        {
            throw Bad(lineNumber, "has a path (field 3) that does not start with '/'.");
        }

        bool secure = Flag(fields[3], lineNumber, 4, "secure");
        if (fields[4].Length is 0 or > 18 || !fields[4].All(char.IsAsciiDigit) ||
            !long.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out long expires))
        {
            throw Bad(
                lineNumber,
                "has an expiry (field 5) that is not a whole number of seconds since 1970 (0 for a session cookie).");
        }

        if (fields[5].Length == 0)
        {
            throw Bad(lineNumber, "has an empty cookie name (field 6).");
        }

        return new NetscapeCookie(
            domain, includeSubdomains, fields[2], secure, expires, fields[5], fields[6], httpOnly);
    }

    private static void RejectForeignFormats(string entry, int lineNumber)
    {
        string start = entry.TrimStart();
        if (start.StartsWith('{') || start.StartsWith('['))
        {
            throw Bad(lineNumber, "looks like JSON; JSON cookie exports are not accepted. " + HowToExport);
        }

        if (start.StartsWith('<'))
        {
            throw Bad(lineNumber, "looks like HTML or XML, not a cookies file. " + HowToExport);
        }

        if (start.StartsWith("Cookie:", StringComparison.OrdinalIgnoreCase) ||
            start.StartsWith("Set-Cookie:", StringComparison.OrdinalIgnoreCase) ||
            (!start.Contains('\t', StringComparison.Ordinal) && start.Contains('=', StringComparison.Ordinal)))
        {
            throw Bad(
                lineNumber,
                "looks like an HTTP Cookie header (name=value pairs), which lacks domains and paths. " + HowToExport);
        }
    }

    private static bool Flag(string value, int lineNumber, int field, string name) =>
        value switch
        {
            "TRUE" => true,
            "FALSE" => false,
            _ => throw Bad(
                lineNumber,
                string.Create(
                    CultureInfo.InvariantCulture, $"has a {name} flag (field {field}) that is not TRUE or FALSE.")),
        };

    private static bool IsDomain(string domain)
    {
        string host = domain.StartsWith('.') ? domain[1..] : domain;
        return host.Length is > 0 and <= 253 &&
            host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') &&
            !host.StartsWith('.') && !host.Contains("..", StringComparison.Ordinal);
    }

    private static bool IsHeader(string line) =>
        line.StartsWith(Header, StringComparison.Ordinal) || line.StartsWith(ShortHeader, StringComparison.Ordinal);

    private static InvalidRequestException Bad(int lineNumber, string problem) =>
        new(Field, string.Create(CultureInfo.InvariantCulture, $"Line {lineNumber} of the cookies file {problem}"));
}
