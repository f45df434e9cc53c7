using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Components;

namespace DutyDesk.Web.Components.Account;

/// <summary>Redirects from statically rendered account pages, keeping redirects on this site.</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigation)
{
    [DoesNotReturn]
    public void RedirectTo(string? uri)
    {
        uri ??= "";
        if (!Uri.IsWellFormedUriString(uri, UriKind.Relative) || uri.StartsWith("//", StringComparison.Ordinal))
        {
            uri = navigation.ToBaseRelativePath(uri);
        }

        navigation.NavigateTo(uri);
        throw new InvalidOperationException($"{nameof(IdentityRedirectManager)} can only be used during static rendering.");
    }
}
