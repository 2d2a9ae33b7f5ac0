"""Name pools for the synthetic population: English, French and the many origins of applicants.

Every name here is common and fictional in combination. Spelling keeps accents, hyphens and
apostrophes on purpose: search, matching (core.text.name_key) and the phone line must cope.
"""

from dataclasses import dataclass


def _pool(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(","))


@dataclass(frozen=True)
class Origin:
    """A naming tradition: family names, given names by sex, and how often French is preferred."""

    code: str
    weight: float
    french_share: float
    family: tuple[str, ...]
    female: tuple[str, ...]
    male: tuple[str, ...]
    # Where a spouse keeps their own family name (Quebec law, many cultures).
    spouse_keeps_name: float = 0.2
    # Children with both parents' names joined by a hyphen (Tremblay-Gagné).
    double_barrelled: float = 0.0


ORIGINS: tuple[Origin, ...] = (
    Origin(
        "en",
        0.22,
        0.03,
        family=_pool(
            "Smith, Brown, Wilson, MacDonald, Campbell, Taylor, Anderson, Thompson, O'Brien, "
            "O'Connor, McLean, Stewart, Murphy, Johnston, Clarke, Walsh, Robertson, Fraser, "
            "Sinclair, Reid, Hughes, Kelly, Mitchell, Graham, Harper, Fitzgerald, Young, "
            "Morrison, Ross, Baker"
        ),
        female=_pool(
            "Emma, Olivia, Sarah, Jessica, Emily, Hannah, Megan, Chloé, Grace, Ashley, Lauren, "
            "Abigail, Charlotte, Madison, Mary-Kate, Ava, Zoë, Rebecca, Jennifer, Heather"
        ),
        male=_pool(
            "Liam, Noah, Ethan, Jacob, Matthew, Ryan, Tyler, James, Owen, Connor, Benjamin, "
            "Daniel, Michael, Nathan, Logan, John-Paul, Lucas, Dylan, Evan, Patrick"
        ),
        spouse_keeps_name=0.15,
        double_barrelled=0.03,
    ),
    Origin(
        "fr",
        0.17,
        0.9,
        family=_pool(
            "Tremblay, Gagnon, Roy, Côté, Bouchard, Gauthier, Morin, Lavoie, Fortin, Gagné, "
            "Ouellet, Pelletier, Bélanger, Lévesque, Bergeron, Leblanc, Paquette, Girard, "
            "Simard, Boucher, Caron, Beaulieu, Cloutier, Dubé, Poirier, Lefèvre, D'Amours, "
            "St-Pierre, Thériault, Nadeau, Desjardins, Lachance, Beauchemin, L'Heureux, Giroux"
        ),
        female=_pool(
            "Marie-Ève, Émilie, Geneviève, Mélanie, Isabelle, Chloé, Léa, Camille, Gabrielle, "
            "Éloïse, Noémie, Océane, Maëlle, Anne-Sophie, Josée, Hélène, Zoé, Rosalie, Audrey, "
            "Sophie, Marie-Claude, Frédérique"
        ),
        male=_pool(
            "Jean-François, Mathieu, Étienne, Olivier, Félix, Gabriel, Samuel, Alexandre, "
            "Jérôme, François, Louis-Philippe, Benoît, Thomas, Raphaël, Antoine, Éric, "
            "Sébastien, Marc-André, Noël, Joël, Léo, William"
        ),
        spouse_keeps_name=0.75,
        double_barrelled=0.12,
    ),
    Origin(
        "francophone",
        0.10,
        0.75,
        family=_pool(
            "Diallo, Traoré, Ndiaye, Diop, Jean-Baptiste, Pierre-Louis, Joseph, Saint-Fleur, "
            "Benali, Haddad, Bensaïd, Mbeki, Nkoulou, Kaboré, Touré, Desrosiers, Élysée, "
            "Charles, Ouédraogo, Mansour"
        ),
        female=_pool(
            "Fatou, Aïssatou, Mariama, Nadège, Fabienne, Yasmine, Amina, Leïla, Rose-Marie, "
            "Christelle, Awa, Ines, Marie-Josée, Kadiatou, Sabrina"
        ),
        male=_pool(
            "Mamadou, Ibrahima, Jean-Claude, Wilner, Moussa, Karim, Youssef, Ousmane, Stéphane, "
            "Jean-Robert, Cheikh, Rachid, Amadou, Didier, Samir"
        ),
        spouse_keeps_name=0.6,
    ),
    Origin(
        "south-asian",
        0.17,
        0.02,
        family=_pool(
            "Singh, Kaur, Patel, Sharma, Khan, Gill, Sandhu, Dhillon, Grewal, Gupta, Shah, "
            "Mehta, Iyer, Reddy, Chaudhry, Hussain, Rahman, Ali, Desai, Nair"
        ),
        female=_pool(
            "Priya, Ananya, Harpreet, Simran, Aisha, Fatima, Neha, Pooja, Jaspreet, Kavya, Sana, "
            "Ishita, Navneet, Zara, Divya"
        ),
        male=_pool(
            "Arjun, Rohan, Harjit, Gurpreet, Amit, Rahul, Imran, Vikram, Karan, Manpreet, "
            "Aditya, Sanjay, Bilal, Farhan, Rajesh"
        ),
        spouse_keeps_name=0.1,
    ),
    Origin(
        "east-asian",
        0.13,
        0.04,
        family=_pool(
            "Nguyen, Tran, Le, Pham, Wang, Li, Zhang, Chen, Liu, Huang, Zhou, Wu, Kim, Park, "
            "Lee, Choi, Santos, Reyes, Cruz, Bautista, dela Cruz, Garcia, Yamamoto, Tanaka"
        ),
        female=_pool(
            "Mei, Xiaoling, Yan, Thi Hoa, Linh, Mai, Ji-woo, Seo-yeon, Maria, Angelica, "
            "Kristine, Yuki, Hana, Jing, Huong"
        ),
        male=_pool(
            "Wei, Jun, Hao, Minh, Duc Anh, Quang, Min-jun, Seung-ho, Jose, Mark Anthony, Paolo, "
            "Hiroshi, Kenji, Tao, Bao"
        ),
        spouse_keeps_name=0.5,
    ),
    Origin(
        "latin",
        0.10,
        0.10,
        family=_pool(
            "García, Rodríguez, Hernández, López, Martínez, González, Pérez, Sánchez, Ramírez, "
            "Torres, Flores, da Silva, Souza, Oliveira, Ferreira, Gómez, Díaz, Vargas, Castillo, "
            "Núñez"
        ),
        female=_pool(
            "María José, Valentina, Camila, Sofía, Daniela, Lucía, Mariana, Ana Paula, Fernanda, "
            "Gabriela, Isabella, Juliana, Ximena, Paula"
        ),
        male=_pool(
            "José Luis, Juan Carlos, Santiago, Mateo, Diego, Sebastián, Andrés, João, Rafael, "
            "Alejandro, Carlos, Miguel Ángel, Tomás, Bruno"
        ),
        spouse_keeps_name=0.8,
    ),
    Origin(
        "other",
        0.11,
        0.05,
        family=_pool(
            "Okafor, Adeyemi, Okonkwo, Mensah, Mohammed, Ahmed, Hassan, Abdi, Kowalski, Nowak, "
            "Öztürk, Yılmaz, Ivanova, Petrov, Kovalenko, Müller, Schmidt, Rossi, Papadopoulos, "
            "Karimi, Hosseini, Tesfaye, Abebe"
        ),
        female=_pool(
            "Chiamaka, Ngozi, Abena, Amal, Maryam, Agnieszka, Olena, Anastasia, Elif, Zeynep, "
            "Giulia, Sara, Shirin, Hiwot, Jana"
        ),
        male=_pool(
            "Oluwaseun, Chinedu, Kwame, Omar, Mustafa, Piotr, Dmytro, Mehmet, Emre, Luca, Reza, "
            "Dawit, Tobias, Nikolai, Abdullah"
        ),
        spouse_keeps_name=0.4,
    ),
)

EMAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example.com")
