using FunctionsDownloader.Errors;
using FunctionsDownloader.Playlists;

namespace FunctionsDownloader.Tests.Playlists;

/// <summary>The service's own parser of <c>items</c>, <c>start</c> and <c>end</c>.</summary>
public sealed class ItemSelectionTests
{
    [Theory]
    [InlineData("1-10,15,20-25", "1-10|15-15|20-25")]
    [InlineData("7,1-3", "1-3|7-7")]
    [InlineData(" 3 - 5 , 9 ", "3-5|9-9")]
    [InlineData("1000", "1000-1000")]
    public void Positions_and_ranges_parse_into_sorted_ranges(string items, string expected)
    {
        // Act
        IReadOnlyList<IndexRange> ranges = ItemSelection.Parse(items, 1000);

        // Assert
        Assert.Equal(expected, string.Join('|', ranges.Select(r => $"{r.From}-{r.To}")));
    }

    [Fact]
    public void Every_odd_position_up_to_999_spelled_out_is_a_selection_within_the_cap()
    {
        // Arrange: 500 positions, about 1,900 characters.
        string items = string.Join(',', Enumerable.Range(0, 500).Select(i => 2 * i + 1));

        // Act
        IReadOnlyList<IndexRange> ranges = ItemSelection.Parse(items, 1000);

        // Assert
        Assert.Equal(500, ranges.Count);
        Assert.Equal(999, ranges[^1].From);
    }

    [Fact]
    public void Items_longer_than_ten_thousand_characters_are_refused_naming_the_field()
    {
        // Act
        var e = Assert.Throws<InvalidRequestException>(() => ItemSelection.Parse(new string('1', 10_001), 1000));

        // Assert
        Assert.Equal("items", e.Field);
        Assert.Contains("longer than", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("0", "position 0")]
    [InlineData("5-3", "reversed")]
    [InlineData("1-5,5-7", "more than once")]
    [InlineData("4,4", "more than once")]
    [InlineData("1-1001", "at most 1000")]
    [InlineData("1-600,700-1200", "at most 1000")]
    [InlineData("1234567890", "not a position")]
    [InlineData("1;2", "not a position")]
    [InlineData("+1", "not a position")]
    [InlineData("1-2-3", "not a position")]
    [InlineData("1e3", "not a position")]
    [InlineData("١", "not a position")]
    public void Bad_items_are_refused_naming_the_field(string items, string reason)
    {
        // Act
        var e = Assert.Throws<InvalidRequestException>(() => ItemSelection.Parse(items, 1000));

        // Assert
        Assert.Equal("items", e.Field);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, 1, null)]
    [InlineData(5, null, 5, null)]
    [InlineData(2, 9, 2, 9)]
    [InlineData(null, 1000, 1, 1000)]
    public void Start_and_end_default_to_the_whole_playlist(int? start, int? end, int first, int? last)
    {
        // Act
        (int checkedStart, int? checkedEnd) = ItemSelection.CheckBounds(start, end, 1000);

        // Assert
        Assert.Equal(first, checkedStart);
        Assert.Equal(last, checkedEnd);
    }

    [Theory]
    [InlineData(0, null, "start")]
    [InlineData(-4, null, "start")]
    [InlineData(null, 0, "end")]
    [InlineData(5, 4, "end")]
    [InlineData(1, 1001, "end")]
    [InlineData(null, 2000, "end")]
    public void Bad_bounds_are_refused_naming_the_field(int? start, int? end, string field)
    {
        // Act
        var e = Assert.Throws<InvalidRequestException>(() => ItemSelection.CheckBounds(start, end, 1000));

        // Assert
        Assert.Equal(field, e.Field);
    }
}
