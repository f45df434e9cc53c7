using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Units;
using DutyDesk.Responsibility.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DutyDesk.Responsibility.Data;

internal sealed class LetterTemplateConfiguration : IEntityTypeConfiguration<LetterTemplate>
{
    public void Configure(EntityTypeBuilder<LetterTemplate> b)
    {
        b.ToTable("letter_templates");
        b.Property(x => x.Id).ValueGeneratedNever();
        LetterTextColumns.Configure(b);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.UnitId).IsUnique();
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.Content);
    }
}

internal sealed class ResponsibilityLetterConfiguration : IEntityTypeConfiguration<ResponsibilityLetter>
{
    public void Configure(EntityTypeBuilder<ResponsibilityLetter> b)
    {
        b.ToTable("responsibility_letters");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Title).HasMaxLength(LetterContent.TitleMaxLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.UnitId, x.Year });
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Signers).WithOne().HasForeignKey(x => x.LetterId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Versions).WithOne().HasForeignKey(x => x.LetterId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.Current);
        b.Ignore(x => x.Draft);
        b.Ignore(x => x.Latest);
    }
}

internal sealed class LetterSignerConfiguration : IEntityTypeConfiguration<LetterSigner>
{
    public void Configure(EntityTypeBuilder<LetterSigner> b)
    {
        b.ToTable("letter_signers");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Post).HasMaxLength(LetterSigner.PostMaxLength);
        b.HasIndex(x => new { x.LetterId, x.UserId }).IsUnique();
        // "Letters I am to sign" for a signer who cannot see the issuing unit.
        b.HasIndex(x => x.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LetterVersionConfiguration : IEntityTypeConfiguration<LetterVersion>
{
    public void Configure(EntityTypeBuilder<LetterVersion> b)
    {
        b.ToTable("letter_versions");
        b.Property(x => x.Id).ValueGeneratedNever();
        LetterTextColumns.Configure(b);
        b.Property(x => x.Version).IsConcurrencyToken();
        // Two concurrent revisions cannot both become version n+1.
        b.HasIndex(x => new { x.LetterId, x.Number }).IsUnique();
        b.Ignore(x => x.Content);
    }
}

internal sealed class LetterSignatureConfiguration : IEntityTypeConfiguration<LetterSignature>
{
    public void Configure(EntityTypeBuilder<LetterSignature> b)
    {
        b.ToTable("letter_signatures");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.SignerName).HasMaxLength(AppUser.DisplayNameMaxLength);
        b.Property(x => x.Post).HasMaxLength(LetterSigner.PostMaxLength);
        b.Property(x => x.Sha256).HasMaxLength(LetterSignature.Sha256Length);
        // Once per signer and version, even when two sessions sign at the same moment.
        b.HasIndex(x => new { x.VersionId, x.SignerId }).IsUnique();
        b.HasIndex(x => x.LetterId);
        b.HasOne<LetterVersion>().WithMany().HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ResponsibilityLetter>().WithMany().HasForeignKey(x => x.LetterId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.SignerId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The same limits on a template's text and a version's text, so a template always fits a letter.</summary>
internal static class LetterTextColumns
{
    public static void Configure<T>(EntityTypeBuilder<T> b)
        where T : class
    {
        b.Property<string>(nameof(LetterContent.Title)).HasMaxLength(LetterContent.TitleMaxLength);
        b.Property<string>(nameof(LetterContent.Header)).HasMaxLength(LetterContent.HeaderMaxLength);
        b.Property<string>(nameof(LetterContent.Responsibilities)).HasMaxLength(LetterContent.PartMaxLength);
        b.Property<string>(nameof(LetterContent.Accountability)).HasMaxLength(LetterContent.PartMaxLength);
        b.Property<string>(nameof(LetterContent.Assessment)).HasMaxLength(LetterContent.PartMaxLength);
        b.Property<string>(nameof(LetterContent.Closing)).HasMaxLength(LetterContent.ClosingMaxLength);
    }
}
