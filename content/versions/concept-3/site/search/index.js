visieSearch.load("index",{"chunks":["0","moeit"],"sections":51,"stemmer":"dutch","version":1});
