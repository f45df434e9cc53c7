using System.Net;
using System.Text.RegularExpressions;

namespace DutyDesk.Integration.Tests.Infrastructure;

/// <summary>Fills in the real sign-in form the way a browser does: its hidden fields, then a POST.</summary>
public static partial class LoginForm
{
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string userName, string password)
    {
        using var page = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HiddenValue(html, "__RequestVerificationToken"),
            ["_handler"] = HiddenValue(html, "_handler"),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        };
        using var body = new FormUrlEncodedContent(fields);
        return await client.PostAsync("/account/login", body);
    }

    /// <summary>The page's text with character references decoded (the renderer escapes Chinese).</summary>
    public static async Task<string> TextAsync(HttpResponseMessage response)
        => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public static string HiddenValue(string html, string name)
    {
        foreach (Match input in InputTag().Matches(html))
        {
            if (input.Value.Contains($"name=\"{name}\"", StringComparison.Ordinal) && ValueAttribute().Match(input.Value) is { Success: true } value)
            {
                return WebUtility.HtmlDecode(value.Groups[1].Value);
            }
        }

        throw new InvalidOperationException($"The sign-in page has no hidden input \"{name}\".");
    }

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ValueAttribute();
}
