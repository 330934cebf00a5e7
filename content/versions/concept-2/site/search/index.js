visieSearch.load("index",{"chunks":["0","overzicht"],"sections":45,"stemmer":"dutch","version":1});
