using DutyDesk.Documents;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Outbox;

namespace DutyDesk.Platform.Tests;

public class SmallRulesTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(4, 80)]
    [InlineData(30, 3600)]
    public void Backoff_Delay_DoublesAndCapsAtOneHour(int attempt, int expectedSeconds)
        => Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Backoff.Delay(TimeSpan.FromSeconds(10), attempt));

    [Fact]
    public void OneTimePassword_Generate_MeetsDefaultPolicyAndAvoidsLookalikes()
    {
        for (var i = 0; i < 200; i++)
        {
            var password = OneTimePassword.Generate();
            Assert.Equal(14, password.Length);
            Assert.Contains(password, char.IsAsciiLetterUpper);
            Assert.Contains(password, char.IsAsciiLetterLower);
            Assert.Contains(password, char.IsAsciiDigit);
            Assert.DoesNotContain(password, c => c is '0' or 'O' or '1' or 'l' or 'I');
        }
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData(null, "")]
    public void CsvTable_Field_QuotesAndNeutralisesFormulas(string? value, string expected)
        => Assert.Equal(expected, CsvTable.Field(value));

    [Fact]
    public void CsvTable_Write_StartsWithUtf8BomAndUsesCrLf()
    {
        var bytes = CsvTable.Write(["名称"], [["第一中学"]]);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal("名称\r\n第一中学\r\n", System.Text.Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void CsvTable_Read_QuotedCommasLineBreaksAndDoubledQuotes()
        => Assert.Equal(
            [["id", "text"], ["1", "a,b"], ["2", "line1\nline2 \"q\""], ["3", ""]],
            CsvTable.Read("id,text\r\n1,\"a,b\"\n2,\"line1\nline2 \"\"q\"\"\"\n3,\n"));

    [Fact]
    public void CsvTable_ReadColumn_ByHeaderIgnoringBomAndCase()
        => Assert.Equal(["x", "y"], CsvTable.ReadColumn("\uFEFFid,Text\n1,x\n2,y", "text"));
}
