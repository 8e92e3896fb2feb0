using System.Text;
using FunctionsDownloader.Storage;
using Microsoft.Net.Http.Headers;

namespace FunctionsDownloader.Tests.Storage;

/// <summary>File names from titles, and the Content-Disposition built from them.</summary>
public sealed class SafeFileNameTests
{
    // A black flag, tag letters "gbsct" and a cancel tag: the flag of Scotland.
    private const string ScotlandFlag = "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F";

    public static TheoryData<string, string> Titles() => new()
    {
        {
            "AC/DC: live at \"Donington\" \\ 1991 | part 1/2? <encore>*",
            "AC DC live at Donington 1991 part 1 2 encore.mp4"
        },
        { "Café déjà vu 🎬🍿 👩‍👩‍👧 🇫🇷 ✨", "Café déjà vu 🎬🍿 👩‍👩‍👧 🇫🇷 ✨.mp4" },
        { "Quarterly report \u202Egnp.exe\u202C final", "Quarterly report gnp.exe final.mp4" },
        { "CON", "_CON.mp4" },
        { "con.txt", "_con.txt.mp4" },
        { "LPT¹", "_LPT¹.mp4" },
        { "CONOUT$", "_CONOUT$.mp4" },
        { "Console", "Console.mp4" },
        { "  ...hidden. . ", "hidden.mp4" },
        { "line\nbreak\ttab\u0000nul\u0085next", "line break tab nul next.mp4" },
        { "zero\u200Bwidth\u2066isolate\u2069 \uFEFFbom", "zerowidthisolate bom.mp4" },
        { ScotlandFlag + " flag", ScotlandFlag + " flag.mp4" },
        { "hidden\U000E0041\U000E0042 tags", "hidden tags.mp4" },
        { "نامه\u200Cها", "نامه\u200Cها.mp4" },
        { "a\u200Db", "ab.mp4" },
        { "e\u0301", "é.mp4" },
        { "", "download.mp4" },
        { "///", "download.mp4" },
    };

    [Theory]
    [MemberData(nameof(Titles))]
    public void A_title_becomes_a_safe_file_name(string title, string expected)
    {
        // Act
        string name = SafeFileName.FromTitle(title, "mp4");

        // Assert
        Assert.Equal(expected, name);
    }

    [Fact]
    public void A_lone_surrogate_is_dropped_rather_than_shown_as_a_replacement_character()
    {
        // Arrange: half an emoji, as a broken site or a cut-off title may leave it.
        string title = "lone " + "🎬"[0] + " surrogate";

        // Act
        string name = SafeFileName.FromTitle(title, "mp4");

        // Assert
        Assert.Equal("lone surrogate.mp4", name);
    }

    [Fact]
    public void A_long_title_is_cut_within_the_byte_limit_on_a_character_boundary()
    {
        // Arrange: 300 characters, most of them three bytes long, and emoji of four bytes and more.
        string title = string.Concat(Enumerable.Repeat("長い題名 👩‍👩‍👧 ", 40))[..300];

        // Act
        string name = SafeFileName.FromTitle(title, "webm");

        // Assert
        byte[] bytes = Encoding.UTF8.GetBytes(name);
        Assert.InRange(bytes.Length, SafeFileName.MaxBytes - 30, SafeFileName.MaxBytes);
        Assert.Equal(name, new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
        Assert.EndsWith(".webm", name, StringComparison.Ordinal);
        Assert.DoesNotContain(" .webm", name, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', name);
        Assert.StartsWith(name[..^5], title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Café déjà vu 🎬.mp4", "Cafe deja vu.mp4")]
    [InlineData("長い題名.mp4", "download.mp4")]
    [InlineData("CÖN.mp4", "_CON.mp4")]
    [InlineData("100% \"sure\".mp4", "100_ _sure.mp4")]
    public void The_ascii_fallback_keeps_what_ascii_can_say(string fileName, string expected)
    {
        // Act
        string fallback = SafeFileName.AsciiFallback(fileName);

        // Assert
        Assert.Equal(expected, fallback);
        Assert.All(fallback, c => Assert.InRange(c, ' ', '~'));
    }

    [Fact]
    public void The_content_disposition_carries_the_utf8_name_and_an_ascii_fallback()
    {
        // Arrange
        string name = SafeFileName.FromTitle("Café 🎬 \"live\"; filename=evil.exe", "mp4");

        // Act
        string header = ResultStore.ContentDisposition(name);

        // Assert
        Assert.True(ContentDispositionHeaderValue.TryParse(header, out ContentDispositionHeaderValue? parsed), header);
        Assert.Equal("attachment", parsed.DispositionType.Value);
        Assert.Equal(name, parsed.FileNameStar.Value);
        Assert.Equal("Cafe _ live ; filename=evil.exe.mp4", parsed.FileName.Value);
        Assert.All(header, c => Assert.InRange(c, ' ', '~'));
    }
}
