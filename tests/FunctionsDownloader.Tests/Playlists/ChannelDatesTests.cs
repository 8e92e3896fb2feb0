using FunctionsDownloader.Errors;
using FunctionsDownloader.Playlists;

namespace FunctionsDownloader.Tests.Playlists;

/// <summary><c>date_after</c> and <c>date_before</c>: YYYYMMDD or ISO 8601, real days only.</summary>
public sealed class ChannelDatesTests
{
    [Theory]
    [InlineData("20240305", "20240305")]
    [InlineData("2024-03-05", "20240305")]
    [InlineData(" 2024-03-05 ", "20240305")]
    [InlineData("2024-03-05T23:30:00-02:00", "20240306")]
    [InlineData("2024-02-29", "20240229")]
    public void Dates_in_either_form_become_yyyymmdd(string value, string expected) =>
        Assert.Equal(expected, ChannelDates.Parse(value, "date_after"));

    [Theory]
    [InlineData("20230229")]
    [InlineData("2024-13-01")]
    [InlineData("2024-3-5")]
    [InlineData("05/03/2024")]
    [InlineData("today")]
    [InlineData("")]
    [InlineData("18991231")]
    [InlineData("30000101")]
    [InlineData("now-1week")]
    public void Anything_else_is_refused_naming_the_field(string value)
    {
        // Act
        var e = Assert.Throws<InvalidRequestException>(() => ChannelDates.Parse(value, "date_before"));

        // Assert
        Assert.Equal("date_before", e.Field);
    }

    [Fact]
    public void Bounds_in_the_wrong_order_are_refused()
    {
        // Act
        var e = Assert.Throws<InvalidRequestException>(() => ChannelDates.CheckOrder("20240310", "20240301"));

        // Assert
        Assert.Equal("date_before", e.Field);
        ChannelDates.CheckOrder("20240301", "20240301");
        ChannelDates.CheckOrder(null, "20240301");
    }
}
