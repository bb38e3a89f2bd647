"""Whether "he" or "she" may stand for a name, from its given name.

Why: the quote stage resolved "she said" to the person named last in the sentence before even
when that was "Ralph Nader", "Rep. Ed Royce" or "Jorge Bergoglio" (thirteenth session, helper
Q3: 4 of 19 wrong pronoun speakers in a sample of 66 pronoun-attributed English quotes from
the Dragnet tuning half, BASIL and SemEval-2023 EN training). The honorifics of the article
("Mr.", "Ms.", ``quotes_checks.pronoun_genders``) tell the gender of few people; a given name
tells it of most. The lists hold common given names only, unambiguous in English-language
news; a name used for both (Alex, Jordan, Kelly, Jean, Andrea, Kim ...) is in neither, so the
rule never decides on it. Written by hand from general knowledge, not from any data set.
"""

from __future__ import annotations

import re

_MALE = """
Aaron Abdullah Adam Adrian Ahmed Alan Albert Alberto Alejandro Alexander Alexei Alfred Ali
Alistair Andre Andrei Andrew Angelo Anthony Antonio Arnold Arthur Barack Barry Ben Benjamin
Bernard Bernie Bill Billy Bob Bobby Boris Brad Bradley Brandon Brendan Brett Brian Bruce Bryan
Carl Carlos Charles Charlie Chuck Clarence Clark Colin Craig Dan Daniel Danny Darren Dave David
Dennis Dick Diego Dmitry Don Donald Doug Douglas Duncan Dwight Earl Ed Eddie Edward Emmanuel
Eric Erik Ernest Eugene Francesco Francisco Frank Franklin Fred Frederick Gary Gavin Gene Geoff
George Gerald Gerhard Gordon Graham Greg Gregory Hans Harold Harry Henry Herbert Howard Hugh
Ian Igor Isaac Ivan Jack Jacob Jake James Jared Jason Javier Jeb Jeff Jeffrey Jeremy Jerry
Jesse Jim Jimmy Joe Joel Johann John Johnny Jon Jonathan Jorge Jose José Joseph Josh Joshua
Juan Justin Karl Keith Ken Kenneth Kevin Kurt Larry Lawrence Len Leon Leonard Louis Luis Luke
Malcolm Marco Marcus Mario Mark Martin Matt Matthew Max Michael Miguel Mike Mitch Mitt
Mohammed Muhammad Nathan Neil Nicholas Nick Nikolai Norman Oliver Omar Oscar Patrick Paul
Pedro Peter Phil Philip Phillip Pierre Ralph Randy Raymond Richard Rick Rob Robert Rod Roger
Roman Ron Ronald Roy Rudy Russell Ryan Samuel Scott Sean Sergei Sergey Seth Simon Stanley
Stephen Steve Steven Stuart Ted Terrence Thomas Tim Timothy Todd Tom Tommy Tony Travis Vladimir
Walter Wayne William Willie Yuri
"""

_FEMALE = """
Abigail Adriana Alexandra Alice Alicia Alison Allison Amanda Amber Amy Ana Angela
Angelina Anita Ann Anna Anne Annie Barbara Betsy Betty Beverly Brenda Bridget Brittany Carla
Carmen Carol Caroline Carolyn Catherine Cathy Charlotte Cheryl Christina Christine Cindy Claire
Claudia Connie Cynthia Daisy Deborah Debbie Debra Denise Diana Diane Dianne Donna Doris Dorothy
Eileen Elaine Eleanor Elena Elizabeth Ellen Elsa Emily Emma Erica Erin Esther Eva Evelyn
Faith Fiona Florence Frances Gabriela Gail Gina Gladys Gloria Grace Greta Hannah Harriet Heather
Heidi Helen Hillary Holly Ingrid Irene Isabel Jacqueline Jane Janet Janice Jennifer Jenny
Jessica Jill Joan Joanna Joanne Jodi Josephine Joyce Judith Judy Julia Julie Karen Kate
Katherine Kathleen Kathryn Kathy Katie Katrina Kristen Laura Lauren Linda Lisa Lois Loretta
Lori Louise Lucy Lydia Madeleine Margaret Maria Marie Marilyn Marina Martha Mary Megan
Melania Melanie Melissa Michelle Monica Nancy Naomi Natalia Natalie Nicole Nikki Nina Olga
Olivia Pamela Patricia Paula Pauline Peggy Penny Rachel Rebecca Rita Roberta Rosa Rose Ruth
Sally Samantha Sandra Sara Sarah Sharon Sheila Shirley Sophia Sophie Stephanie Susan Susanne
Suzanne Sylvia Tamara Tamika Teresa Theresa Tiffany Tina Ursula Valerie Vanessa Victoria
Virginia Wendy Yvonne
"""

MALE = frozenset(_MALE.split())
FEMALE = frozenset(_FEMALE.split())
#: words before a given name that are no part of it ("Sen. Ed Markey", "Dr. Marci Bowers")
_TITLE = re.compile(r"^(?:(?:[A-Z][a-z]{0,4}\.|President|Senator|Representative|Governor|"
                    r"General|Judge|Justice|Pope|Prince|Princess|King|Queen|Sir|Dame|Lord|"
                    r"Lady|Cardinal|Bishop|Father|Sister|Rev\.?)\s+)+")

#: titles that tell the gender themselves
_GENDERED = re.compile(r"(?:(Pope|Cardinal|Bishop|Archbishop|Father|King|Prince|Sir|Lord|Mr\.?)|"
                       r"(?:Queen|Princess|Dame|Lady|Sister|Mrs\.?|Ms\.?))\s+[A-Z]")


def given_gender(name: str, titled: bool = True) -> str | None:
    """"he" or "she" from the given name that opens ``name`` (with ``titled`` a title before
    it skipped); None for a lone word (a surname tells nothing), a name of more than three
    words without ``titled`` ("Louis Tea Party") or a given name in neither list."""
    if titled and (title := _GENDERED.match(name.strip())) is not None:
        return "he" if title.group(1) else "she"  # "Pope Francis", "Queen Elizabeth"
    words = (_TITLE.sub("", name.strip()) if titled else name).split()
    if len(words) < 2 or (not titled and (len(words) > 3 or not all(
            w[:1].isupper() for w in words))):
        return None
    if words[0] in MALE:
        return "he"
    if words[0] in FEMALE:
        return "she"
    return None
