using System.Globalization;
using System.Text;

namespace FunctionsDownloader.Tests.Cookies;

/// <summary>Cookies files good and bad, shared by the validator's unit tests and the upload tests.</summary>
public static class CookiesSamples
{
    /// <summary>The value every sample cookie carries; no error message may ever contain it.</summary>
    public const string Secret = "s3cr3t-cookie-value-0042";

    public const string Header = "# Netscape HTTP Cookie File";

    public const long Expiry = 1_893_456_000;

    /// <summary>A well-formed cookie line for <paramref name="domain"/>.</summary>
    public static string Line(
        string domain = ".example.com", string name = "sid", string value = Secret, long expires = Expiry) =>
        string.Join(
            '\t',
            domain,
            domain.StartsWith('.') ? "TRUE" : "FALSE",
            "/",
            "FALSE",
            expires.ToString(CultureInfo.InvariantCulture),
            name,
            value);

    /// <summary>Lines joined with LF and a final LF.</summary>
    public static string Text(params string[] lines) => string.Join('\n', lines) + "\n";

    /// <summary>
    /// Bad files: a name for the test output, the bytes, and the line the complaint must name (0 when
    /// the file as a whole is at fault).
    /// </summary>
    public static TheoryData<string, byte[], int> BadFiles() => new()
    {
        { "a JSON export", Utf8($$"""[{"domain": ".example.com", "name": "sid", "value": "{{Secret}}"}]"""), 1 },
        { "a pretty-printed JSON export", Utf8($"{{\n  \"cookies\": [\n    \"{Secret}\"\n  ]\n}}\n"), 1 },
        { "a Cookie header", Utf8($"Cookie: sid={Secret}; lang=en\n"), 1 },
        { "bare name=value pairs", Utf8($"sid={Secret}; lang=en\n"), 1 },
        { "an HTML page", Utf8($"<!DOCTYPE html>\n<html><body>{Secret}</body></html>\n"), 1 },
        { "six fields", Utf8(Text(Header, $".example.com\tTRUE\t/\tFALSE\t0\t{Secret}")), 2 },
        { "eight fields", Utf8(Text(Header, Line() + "\textra")), 2 },
        { "spaces instead of tabs", Utf8(Text(Line().Replace('\t', ' '))), 1 },
        { "a non-integer expiry", SecondLineWith("\t1893456000\t", "\tnever\t"), 2 },
        { "a negative expiry", SecondLineWith("\t1893456000\t", "\t-5\t"), 2 },
        { "a flag that is not TRUE or FALSE", SecondLineWith("\tTRUE\t", "\tyes\t"), 2 },
        { "a lowercase flag", SecondLineWith("\tFALSE\t", "\tfalse\t"), 2 },
        { "a subdomain flag that contradicts the domain", SecondLineWith("\tTRUE\t", "\tFALSE\t"), 2 },
        { "a path without a slash", SecondLineWith("\t/\t", "\tpath\t"), 2 },
        { "a bad domain", Utf8(Text(Header, Line(domain: "exa mple.com"))), 2 },
        { "an empty name", Utf8(Text(Header, Line(name: ""))), 2 },
        { "a control character in the value", Utf8(Text(Header, Line(value: Secret + "\u0001x"))), 2 },
        { "a NUL byte", Utf8(Text(Header, Line(), Line(value: Secret + "\0"))), 3 },
        { "a bad third line after good ones", Utf8(Text(Header, Line(), LineWith("\t/\t", "\t\t"))), 3 },
        { "a binary file", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0xD8, .. Utf8(Secret)], 1 },
        { "an empty file", [], 0 },
        { "a header and nothing else", Utf8(Text(Header)), 0 },
        { "only comments and blank lines", Utf8(Text(Header, "# a comment", "", "   ", "# another")), 0 },
    };

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A header and <see cref="LineWith"/>.</summary>
    private static byte[] SecondLineWith(string from, string to) => Utf8(Text(Header, LineWith(from, to)));

    /// <summary>A cookie line with its first <paramref name="from"/> replaced by <paramref name="to"/>.</summary>
    private static string LineWith(string from, string to)
    {
        string line = Line();
        int at = line.IndexOf(from, StringComparison.Ordinal);
        return line[..at] + to + line[(at + from.Length)..];
    }
}
