using System.Globalization;
using FunctionsDownloader.Cookies;
using FunctionsDownloader.Errors;
using static FunctionsDownloader.Tests.Cookies.CookiesSamples;

namespace FunctionsDownloader.Tests.Cookies;

/// <summary>The Netscape cookies.txt validator on its own: what it accepts, refuses, and how it says so.</summary>
public sealed class CookiesFileValidatorTests
{
    private const long Cap = 256 * 1024;

    [Fact]
    public void A_file_with_the_header_is_accepted_as_it_is()
    {
        // Arrange
        string text = Text(Header, "# exported for tests", "", Line(), Line("www.example.org", "lang", "en-GB", 0));

        // Act
        CookiesFile file = CookiesFileValidator.Parse(Utf8(text), Cap);

        // Assert
        Assert.Equal(2, file.Cookies.Count);
        Assert.Equal(["example.com", "www.example.org"], file.Domains);
        Assert.Equal(text, file.Text);
        NetscapeCookie first = file.Cookies[0];
        Assert.Equal(new NetscapeCookie(".example.com", true, "/", false, Expiry, "sid", Secret, false), first);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Expiry), file.ExpiresAt);
    }

    [Fact]
    public void A_file_without_the_header_gets_one_because_yt_dlp_requires_it()
    {
        // Arrange
        string text = Text(Line());

        // Act
        CookiesFile file = CookiesFileValidator.Parse(Utf8(text), Cap);

        // Assert
        Assert.Single(file.Cookies);
        Assert.Equal(Header + "\n" + text, file.Text);
    }

    [Fact]
    public void The_http_only_prefix_marks_a_cookie_rather_than_a_comment()
    {
        // Arrange
        string text = Text(Header, "#HttpOnly_" + Line(), Line("127.0.0.1", "plain", "abcd"));

        // Act
        CookiesFile file = CookiesFileValidator.Parse(Utf8(text), Cap);

        // Assert
        Assert.Equal(2, file.Cookies.Count);
        Assert.True(file.Cookies[0].HttpOnly);
        Assert.Equal(".example.com", file.Cookies[0].Domain);
        Assert.False(file.Cookies[1].HttpOnly);
        Assert.Equal(["127.0.0.1", "example.com"], file.Domains);
    }

    [Fact]
    public void Windows_line_ends_and_a_byte_order_mark_are_accepted_and_normalized()
    {
        // Arrange
        byte[] content = [0xEF, 0xBB, 0xBF, .. Utf8(Header + "\r\n" + Line() + "\r\n")];

        // Act
        CookiesFile file = CookiesFileValidator.Parse(content, Cap);

        // Assert
        Assert.Equal(Secret, Assert.Single(file.Cookies).Value);
        Assert.Equal(Header + "\n" + Line() + "\n", file.Text);
    }

    [Fact]
    public void Session_cookies_have_no_expiry_and_short_values_are_not_secrets_to_redact()
    {
        // Arrange
        string text = Text(Line(expires: 0), Line("example.net", "a", "xyz", 0));

        // Act
        CookiesFile file = CookiesFileValidator.Parse(Utf8(text), Cap);

        // Assert
        Assert.Null(file.ExpiresAt);
        Assert.Equal([Secret], file.Secrets);
    }

    [Theory]
    [MemberData(nameof(BadFiles), MemberType = typeof(CookiesSamples))]
    public void A_bad_file_is_refused_naming_the_file_field_and_the_line_without_quoting_it(
        string what, byte[] content, int line)
    {
        // Act
        var error = Assert.Throws<InvalidRequestException>(() => CookiesFileValidator.Parse(content, Cap));

        // Assert
        Assert.Equal("file", error.Field);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sid", error.Message, StringComparison.Ordinal);
        if (line > 0)
        {
            string expected = string.Create(CultureInfo.InvariantCulture, $"Line {line} ");
            Assert.True(error.Message.StartsWith(expected, StringComparison.Ordinal), $"{what}: {error.Message}");
        }
    }

    [Fact]
    public void A_file_over_the_cap_is_too_large()
    {
        // Arrange
        var lines = new List<string> { Header };
        while (lines.Sum(l => l.Length + 1) <= Cap)
        {
            lines.Add(Line(name: "n" + lines.Count.ToString(CultureInfo.InvariantCulture)));
        }

        // Act
        PayloadTooLargeException error = Assert.Throws<PayloadTooLargeException>(
            () => CookiesFileValidator.Parse(Utf8(Text([.. lines])), Cap));

        // Assert
        Assert.Equal(Cap, error.LimitBytes);
    }
}
