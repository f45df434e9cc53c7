// The editor's content is set once from the server and read back on save; Blazor never renders inside it.
export function setHtml(element, html) {
    element.innerHTML = html;
    // New lines become paragraphs, which the sanitiser keeps, rather than divs.
    document.execCommand('defaultParagraphSeparator', false, 'p');
}

export function getHtml(element) {
    return element.innerHTML;
}

export function format(element, command, argument) {
    element.focus();
    document.execCommand(command, false, argument ?? null);
}
