import { BadInput, LIMITS } from '@app/domain';
import { ImportRejected } from './import-rejected';
import { prepareText } from './prepare-text';

describe('prepareText', () => {
  it('normalises CRLF and CR line endings, a byte-order mark and non-breaking spaces', () => {
    expect(prepareText('\uFEFFTitle\r\nTake 5\u00A0mg.\rDone.\u202F')).toEqual(['Title', 'Take 5 mg.', 'Done. ']);
  });

  it('keeps tabs and line breaks', () => {
    expect(prepareText('a\tb\n\nc')).toEqual(['a\tb', '', 'c']);
  });

  it('rejects binary garbage (a PNG header decoded as UTF-8) naming the line, column and character', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(() => prepareText(png.toString('utf8'))).toThrow(ImportRejected);
    expect(() => prepareText(png.toString('utf8'))).toThrow(/line 1: column 1 holds U\+FFFD/);
  });

  it.each([
    ['a NUL character', 'Fine text.\nBad\u0000text.', /line 2: column 4 holds U\+0000/],
    ['an escape character', 'Text\u001b[31m red.', /U\+001B/],
    ['a form feed', 'Page one.\fPage two.', /U\+000C/],
    ['a C1 control character (Windows-1252 read as Latin-1)', 'It\u0092s fine.', /U\+0092/],
    ['an unpaired surrogate', 'Broken \uD83D text.', /U\+D83D/],
  ])('rejects %s', (_case, text, message) => {
    expect(() => prepareText(text)).toThrow(message);
  });

  it.each([
    ['empty text', ''],
    ['only blanks and line breaks', ' \n\t\r\n \u00A0 '],
    ['only a byte-order mark', '\uFEFF'],
  ])('rejects %s as empty', (_case, text) => {
    expect(() => prepareText(text)).toThrow('the article text is empty');
  });

  it('rejects text longer than LIMITS.articleText before reading it', () => {
    expect(() => prepareText('a'.repeat(LIMITS.articleText + 1))).toThrow(/the limit is 1000000/);
    expect(prepareText('a'.repeat(LIMITS.articleText))).toHaveLength(1);
  });

  it('rejects with a BAD_USER_INPUT error on the field "text"', () => {
    const error = (() => {
      try {
        prepareText('');
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ImportRejected);
    expect(error).toBeInstanceOf(BadInput);
    expect(error).toMatchObject({ name: 'ImportRejected', code: 'BAD_USER_INPUT', field: 'text', line: null });
  });
});
