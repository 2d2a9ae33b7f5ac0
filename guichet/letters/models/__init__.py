from guichet.letters.models.letter import Letter, LetterKind

__all__ = ["Letter", "LetterKind"]
